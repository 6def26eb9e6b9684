#!/usr/bin/env python3
"""TCP proxy adding a fixed one-way delay, to put the reference ENT "on the network".

    delay_proxy.py --delay-ms 10 --map 20443:21443 --map 20444:21444 --pidfile FILE

Listens on 127.0.0.1 at each public port and forwards to 127.0.0.1 at the matching internal
port. Every chunk of bytes is delivered `delay` after it was read, in both directions, and a
connection is opened to the server only after one delay (the SYN's trip): a round trip then
costs twice the delay, as across a network. Used by `scripts/refent.sh start --latency MS`
(bench/sso.sh); the loopback qdisc netem is not available in every container.
"""
import argparse
import asyncio
import os
import signal


async def pump(reader, writer, delay):
    loop = asyncio.get_running_loop()
    last_due = 0.0
    pending = set()
    try:
        while True:
            data = await reader.read(65536)
            if not data:
                break
            # Keep order: a chunk is never delivered before the one read before it.
            due = max(loop.time() + delay, last_due)
            last_due = due
            task = asyncio.ensure_future(deliver(writer, data, due))
            pending.add(task)
            task.add_done_callback(pending.discard)
    except (ConnectionError, OSError):
        pass
    if pending:
        await asyncio.gather(*pending, return_exceptions=True)
    await asyncio.sleep(max(0.0, last_due - loop.time()))
    try:
        writer.write_eof()
    except (OSError, RuntimeError):
        writer.close()


async def deliver(writer, data, due):
    await asyncio.sleep(max(0.0, due - asyncio.get_running_loop().time()))
    writer.write(data)
    await writer.drain()


async def handle(client_reader, client_writer, target_port, delay):
    await asyncio.sleep(delay)
    try:
        server_reader, server_writer = await asyncio.open_connection("127.0.0.1", target_port)
    except OSError:
        client_writer.close()
        return
    await asyncio.gather(
        pump(client_reader, server_writer, delay),
        pump(server_reader, client_writer, delay),
        return_exceptions=True,
    )
    for w in (client_writer, server_writer):
        w.close()


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--delay-ms", type=float, required=True)
    parser.add_argument("--map", action="append", required=True, help="PUBLIC:INTERNAL")
    parser.add_argument("--pidfile")
    args = parser.parse_args()
    delay = args.delay_ms / 1000.0
    servers = []
    for pair in args.map:
        public, internal = (int(p) for p in pair.split(":"))
        servers.append(await asyncio.start_server(
            lambda r, w, t=internal: handle(r, w, t, delay), "127.0.0.1", public, backlog=512))
    if args.pidfile:
        with open(args.pidfile, "w") as f:
            f.write(str(os.getpid()))
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    await stop.wait()
    for s in servers:
        s.close()


if __name__ == "__main__":
    asyncio.run(main())
