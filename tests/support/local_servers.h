#pragma once
// Small socket helpers for integration tests, all on 127.0.0.1.

#include <string>

namespace sdetcheck::testing {

// A TCP server that accepts connections (the kernel completes the handshake) and never
// sends a byte. Closed on destruction.
class SilentServer {
 public:
  SilentServer();
  ~SilentServer();
  SilentServer(const SilentServer&) = delete;
  SilentServer& operator=(const SilentServer&) = delete;
  int port() const { return port_; }

 private:
  int fd_ = -1;
  int port_ = 0;
};

// A port on 127.0.0.1 where nothing listens (bound, then released).
int ClosedPort();

// The local test ENT's directory (scripts/testenv.sh --dir), from $SDETCHECK_TESTENV.
std::string TestEnvDir();

// The reference ENT (scripts/refent.sh --dir): its directory, from $SDETCHECK_REFENT, and its
// port base + offset, from $SDETCHECK_REFENT_PORT_BASE (default 20000).
std::string RefEntDir();
int RefEntPort(int offset);

// Runs a shell command; returns its exit status and fills stdout/stderr (files in /tmp).
int RunCommand(const std::string& command, std::string* out, std::string* err);

std::string ReadFile(const std::string& path);

// A fresh empty directory under /tmp.
std::string MakeTempDir(const std::string& prefix);

}  // namespace sdetcheck::testing
