#include "probe/login_form.h"

#include "net/url.h"

namespace sdetcheck {

FormsFound FormsOf(const std::string& body) {
  FormsFound found;
  FindHtmlForms(body, &found.forms, &found.error);
  return found;
}

const HtmlForm* PasswordForm(const FormsFound& found) {
  for (const HtmlForm& form : found.forms) {
    if (form.FirstOfType("password")) return &form;
  }
  return nullptr;
}

std::string FormTarget(const HtmlForm& form, const std::string& page_url) {
  return ResolveUrl(page_url, form.action.empty() ? page_url : form.action);
}

namespace {

bool IsNeverSubmitted(const std::string& type) {
  return type == "submit" || type == "button" || type == "image" || type == "reset" ||
         type == "file";
}

}  // namespace

std::vector<std::pair<std::string, std::string>> FillForm(const HtmlForm& form,
                                                          const std::string& login,
                                                          const std::string& password) {
  std::vector<std::pair<std::string, std::string>> fields;
  const HtmlInput* submitter = form.DefaultButton();
  bool user_set = false;
  for (const HtmlInput& input : form.inputs) {
    const std::string& type = input.type;
    if (input.name.empty() || input.disabled) continue;
    if (&input == submitter && type == "image") {
      fields.emplace_back(input.name + ".x", "0");
      fields.emplace_back(input.name + ".y", "0");
      continue;
    }
    if (&input == submitter) {
      fields.emplace_back(input.name, input.value);
      continue;
    }
    if (IsNeverSubmitted(type)) continue;
    if ((type == "checkbox" || type == "radio") && !input.checked) continue;
    std::string value = input.value;
    if ((type == "checkbox" || type == "radio") && value.empty()) value = "on";
    if (type == "password") value = password;
    if (!user_set && (type == "text" || type == "email")) {
      value = login;
      user_set = true;
    }
    fields.emplace_back(input.name, value);
  }
  return fields;
}

}  // namespace sdetcheck
