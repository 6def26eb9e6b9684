#pragma once
// The login form of an identity provider (a CAS server, a SAML IdP, an OpenID provider), read
// and filled as a browser does when the user types the login and the password and presses
// Enter. Shared by every login-based probe kind.

#include <string>
#include <utility>
#include <vector>

#include "html/document.h"

namespace sdetcheck {

struct FormsFound {
  std::vector<HtmlForm> forms;
  std::string error;  // the page is beyond the HTML limits
};

// The forms of an HTML page (run it on the executor).
FormsFound FormsOf(const std::string& body);
// The first form with a password field, or null.
const HtmlForm* PasswordForm(const FormsFound& found);

// The fields a browser submits when the user fills the login and password and presses
// Enter: every named, enabled control in document order, checkboxes and radio buttons only
// when checked, and the default button (the first submit button) as the submitter.
std::vector<std::pair<std::string, std::string>> FillForm(const HtmlForm& form,
                                                          const std::string& login,
                                                          const std::string& password);

}  // namespace sdetcheck
