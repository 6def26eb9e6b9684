#include "support/json_schema.h"

#include <fstream>

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>

namespace sdetcheck::testing {

std::string SchemaErrors(const nlohmann::json& document, const std::string& schema_file) {
  std::ifstream in(schema_file);
  nlohmann::json schema_json = nlohmann::json::parse(in, nullptr, false);
  if (schema_json.is_discarded()) return schema_file + ": not valid JSON";
  valijson::Schema schema;
  valijson::SchemaParser parser;
  valijson::adapters::NlohmannJsonAdapter schema_adapter(schema_json);
  parser.populateSchema(schema_adapter, schema);
  valijson::Validator validator;
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter target(document);
  if (validator.validate(schema, target, &results)) return "";
  std::string errors;
  valijson::ValidationResults::Error error;
  while (results.popError(error)) {
    std::string path;
    for (const std::string& part : error.context) path += part;
    errors += path + ": " + error.description + "\n";
  }
  return errors;
}

}  // namespace sdetcheck::testing
