#include "support/local_servers.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

namespace sdetcheck::testing {
namespace {

int BindLoopback(int* port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  if (bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0) {
    close(fd);
    throw std::runtime_error("cannot bind a loopback port");
  }
  socklen_t length = sizeof(address);
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  *port = ntohs(address.sin_port);
  return fd;
}

}  // namespace

SilentServer::SilentServer() {
  fd_ = BindLoopback(&port_);
  listen(fd_, 64);
}

SilentServer::~SilentServer() { close(fd_); }

int ClosedPort() {
  int port = 0;
  close(BindLoopback(&port));
  return port;
}

std::string TestEnvDir() {
  const char* dir = std::getenv("SDETCHECK_TESTENV");
  return dir ? dir : "";
}

std::string RefEntDir() {
  const char* dir = std::getenv("SDETCHECK_REFENT");
  return dir ? dir : "";
}

int RefEntPort(int offset) {
  const char* base = std::getenv("SDETCHECK_REFENT_PORT_BASE");
  return (base ? std::atoi(base) : 20000) + offset;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string MakeTempDir(const std::string& prefix) {
  std::string pattern = "/tmp/" + prefix + "-XXXXXX";
  if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  return pattern;
}

int RunCommand(const std::string& command, std::string* out, std::string* err) {
  std::string dir = MakeTempDir("sdetcheck-cmd");
  std::string full = command + " >" + dir + "/out 2>" + dir + "/err";
  int status = std::system(full.c_str());
  *out = ReadFile(dir + "/out");
  *err = ReadFile(dir + "/err");
  std::filesystem::remove_all(dir);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace sdetcheck::testing
