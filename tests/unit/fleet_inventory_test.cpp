#include <filesystem>
#include <fstream>

#include <doctest/doctest.h>

#include "fleet/inventory.h"
#include "support/local_servers.h"

namespace sdetcheck {
namespace {

TEST_CASE("inventory: instances in order, paths resolved against the inventory") {
  std::string dir = testing::MakeTempDir("sdetcheck-inventory");
  std::ofstream(dir + "/a.yaml") << "target: {}\n";
  std::ofstream(dir + "/parc.yaml")
      << "instances:\n  - {id: e1, name: \"Collège A\", target: a.yaml}\n"
         "  - {id: e2, target: a.yaml, answers: r.yaml}\n  - {id: e3, target: a.yaml}\n";
  Diagnostics d;
  Inventory inventory = LoadInventory(dir + "/parc.yaml", &d);
  REQUIRE_MESSAGE(d.empty(), d.Format());
  REQUIRE(inventory.instances.size() == 3);
  CHECK(inventory.instances[0].name == "Collège A");
  CHECK(inventory.instances[0].target == dir + "/a.yaml");
  CHECK(inventory.instances[1].answers == dir + "/r.yaml");
  CHECK(ShardOf(inventory, 0, 2).size() == 2);
  CHECK(ShardOf(inventory, 1, 2).size() == 1);
  CHECK(ShardOf(inventory, 1, 2)[0].id == "e2");
  CHECK(ShardOf(inventory, 0, 1).size() == 3);
  std::filesystem::remove_all(dir);
}

TEST_CASE("inventory: located errors for duplicate, unusable ids and missing targets") {
  std::string dir = testing::MakeTempDir("sdetcheck-inventory");
  std::ofstream(dir + "/a.yaml") << "target: {}\n";
  std::ofstream(dir + "/parc.yaml")
      << "instances:\n  - {id: e1, target: a.yaml}\n  - {id: e1, target: a.yaml}\n"
         "  - {id: ../up, target: a.yaml}\n  - {id: e4, target: missing.yaml}\n"
         "  - {id: e5}\n  - {id: e6, target: a.yaml, colour: red}\n";
  Diagnostics d;
  LoadInventory(dir + "/parc.yaml", &d);
  std::string text = d.Format();
  CHECK(text.find("parc.yaml:3:") != std::string::npos);  // duplicate e1
  CHECK(text.find("already used") != std::string::npos);
  CHECK(text.find("parc.yaml:4:") != std::string::npos);  // ../up
  CHECK(text.find("names a directory") != std::string::npos);
  CHECK(text.find("missing.yaml") != std::string::npos);
  CHECK(text.find("'target'") != std::string::npos);
  CHECK(text.find("colour") != std::string::npos);
  Diagnostics empty;
  std::ofstream(dir + "/empty.yaml") << "instances: []\n";
  LoadInventory(dir + "/empty.yaml", &empty);
  CHECK(empty.Format().find("no instance") != std::string::npos);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace sdetcheck
