#!/usr/bin/env python3
"""Compares the findings of `sdetcheck tls scan --json`, sslscan's XML and testssl.sh's JSON
on one endpoint (bench/tls.sh): protocol versions, cipher suites per version, certificate.
Prints one line per aspect: agree, or what differs. Exit status 0 either way (a report)."""
import json
import sys
import xml.etree.ElementTree as ET

VERSIONS = ["1.0", "1.1", "1.2", "1.3"]


def ours(path):
    d = json.load(open(path))
    protocols = {v["version"] for v in d["versions"] if v["accepted"]}
    suites = {v["version"]: {s["name"] for s in v["suites"]} for v in d["versions"]}
    return protocols, suites, d.get("certificate", {})


def sslscan(path):
    root = ET.parse(path).getroot()
    test = root.find("ssltest")
    protocols, suites, cert = set(), {}, {}
    for p in test.findall("protocol"):
        if p.get("type") == "tls" and p.get("enabled") == "1":
            protocols.add(p.get("version"))
    for c in test.findall("cipher"):
        version = c.get("sslversion", "").replace("TLSv", "")
        suites.setdefault(version, set()).add(c.get("cipher"))
    for c in test.iter("certificate"):
        pk = c.find("pk")
        if pk is not None:
            cert["key"] = f'{pk.get("type")} {pk.get("bits")}'
        sig = c.find("signature-algorithm")
        if sig is not None:
            cert["signature"] = sig.text
    return protocols, suites, cert


def testssl(path):
    findings = {f["id"]: f["finding"] for f in json.load(open(path))}
    ids = {"1.0": "TLS1", "1.1": "TLS1_1", "1.2": "TLS1_2", "1.3": "TLS1_3"}
    protocols = {v for v, i in ids.items() if findings.get(i, "").startswith("offered")}
    return protocols, findings


def main():
    our_protocols, our_suites, our_cert = ours(sys.argv[1])
    ssl_protocols, ssl_suites, ssl_cert = sslscan(sys.argv[2])
    t_protocols, t = testssl(sys.argv[3])

    def verdict(name, same, detail):
        print(f"  {name:<28} {'agree' if same else 'DIFFER: ' + detail}")

    verdict("protocols vs sslscan", our_protocols == ssl_protocols,
            f"sdetcheck {sorted(our_protocols)} sslscan {sorted(ssl_protocols)}")
    verdict("protocols vs testssl.sh", our_protocols == t_protocols,
            f"sdetcheck {sorted(our_protocols)} testssl {sorted(t_protocols)}")
    for v in VERSIONS:
        a, b = our_suites.get(v, set()), ssl_suites.get(v, set())
        if a or b:
            verdict(f"TLS {v} suites vs sslscan ({len(a)})", a == b,
                    f"only sdetcheck {sorted(a - b)} only sslscan {sorted(b - a)}")
    key = f'{our_cert.get("key_type")} {our_cert.get("key_bits")}'
    verdict("certificate key vs sslscan", key == ssl_cert.get("key"),
            f"sdetcheck {key} sslscan {ssl_cert.get('key')}")
    verdict("signature vs sslscan", our_cert.get("signature_algorithm") == ssl_cert.get("signature"),
            f"sdetcheck {our_cert.get('signature_algorithm')} sslscan {ssl_cert.get('signature')}")
    verdict("key vs testssl.sh", t.get("cert_keySize", "").startswith(key.replace(" ", " ")),
            f"sdetcheck {key} testssl {t.get('cert_keySize')}")
    trusted = t.get("cert_chain_of_trust", "").startswith("passed")
    verdict("chain of trust vs testssl.sh", our_cert.get("trusted") == trusted,
            f"sdetcheck {our_cert.get('trusted')} testssl {t.get('cert_chain_of_trust')}")
    stapled = t.get("OCSP_stapling", "") == "offered"
    verdict("OCSP stapling vs testssl.sh", our_cert.get("ocsp_stapled") == stapled,
            f"sdetcheck {our_cert.get('ocsp_stapled')} testssl {t.get('OCSP_stapling')}")
    days = t.get("cert_expirationStatus", "")
    ours_days = str(our_cert.get("days_left"))
    verdict("days left vs testssl.sh",
            days.startswith(ours_days + " ") or f"({ours_days})" in days,
            f"sdetcheck {our_cert.get('days_left')} testssl {days}")


if __name__ == "__main__":
    main()
