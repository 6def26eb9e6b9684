#include <csignal>
#include <string>

#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/regex.h"

namespace sdetcheck {
namespace {

Regex MustCompile(const std::string& pattern) {
  std::string error;
  std::optional<Regex> regex = Regex::Compile(pattern, &error);
  INFO("pattern: " << pattern << " error: " << error);
  REQUIRE(regex.has_value());
  return *regex;
}

TEST_CASE("Regex::Compile rejects an invalid pattern with a located message") {
  std::string error;
  CHECK_FALSE(Regex::Compile("(unclosed", &error).has_value());
  CHECK(error.find("invalid regex at offset") != std::string::npos);
  error.clear();
  CHECK_FALSE(Regex::Compile("a{2,1}", &error).has_value());
  CHECK_FALSE(error.empty());
  error.clear();
  CHECK_FALSE(Regex::Compile("[z-a]", &error).has_value());
  CHECK_FALSE(error.empty());
}

TEST_CASE("Regex keeps its pattern text") {
  CHECK(MustCompile("^https://").pattern() == "^https://");
}

TEST_CASE("Regex::Search finds a match anywhere and returns the matched text") {
  Regex regex = MustCompile("max-age=(\\d+)");
  std::string matched;
  CHECK(regex.Search("Strict-Transport-Security: max-age=31536000; preload", &matched) ==
        Regex::Match::kFound);
  CHECK(matched == "max-age=31536000");
  CHECK(regex.Search("no header here") == Regex::Match::kNotFound);
}

TEST_CASE("Regex is case-sensitive unless (?i) is given") {
  CHECK(MustCompile("^https://").Search("HTTPS://ent.example.test") == Regex::Match::kNotFound);
  CHECK(MustCompile("(?i)^https://").Search("HTTPS://ent.example.test") == Regex::Match::kFound);
}

TEST_CASE("Regex matches UTF-8 text as characters") {
  Regex regex = MustCompile("^Accessibilit.$");
  CHECK(regex.Search("Accessibilité") == Regex::Match::kFound);
  CHECK(MustCompile("(?i)ÉLÈVE").Search("élève") == Regex::Match::kFound);
}

TEST_CASE("Regex searches bodies holding NUL bytes and invalid UTF-8 for plain patterns") {
  std::string body("\xff\xfe\0garbage<title>ok</title>", 27);
  CHECK(MustCompile("<title>ok</title>").Search(body) == Regex::Match::kFound);
  CHECK(MustCompile("absent").Search(body) == Regex::Match::kNotFound);
}

TEST_CASE("Regex gives up on catastrophic backtracking instead of running away") {
  Regex regex = MustCompile("(a+)+$");
  std::string hostile = std::string(40, 'a') + "!";
  Regex::Match result = regex.Search(hostile);
  // Returning at all is the point; it must not claim a match.
  CHECK(result != Regex::Match::kFound);
  CHECK(result == Regex::Match::kGaveUp);
}

TEST_CASE("Regex survives a nested-quantifier pattern on a large body") {
  Regex regex = MustCompile("(x+x+)+y");
  Regex::Match result = regex.Search(std::string(200000, 'x'));
  CHECK(result != Regex::Match::kFound);
}

TEST_CASE("Regex copies share the compiled pattern and outlive the original") {
  std::optional<Regex> copy;
  {
    Regex original = MustCompile("ENT");
    copy = original;
  }
  CHECK(copy->Search("portail ENT") == Regex::Match::kFound);
}

// Regression: the pattern is compiled with PCRE2_UTF and matched
// with PCRE2_NO_UTF_CHECK, which PCRE2 documents as undefined behaviour on invalid UTF-8. Response
// bodies are arbitrary bytes: "\X" on "a\xFF" segfaults in pcre2_match. Run with --no-skip once
// fixed (e.g. use PCRE2_MATCH_INVALID_UTF at compile time). The search runs in a child process so
// the crash fails this test only.
TEST_CASE("Regex on invalid UTF-8 subject does not crash") {
  Regex regex = MustCompile("\\X+$");
  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    for (int sig : {SIGSEGV, SIGABRT, SIGBUS}) std::signal(sig, SIG_DFL);  // not doctest's
    _exit(regex.Search(std::string("a\xFF", 2)) == Regex::Match::kGaveUp ? 1 : 0);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
}

}  // namespace
}  // namespace sdetcheck
