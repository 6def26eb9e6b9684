#pragma once
// The login form of an identity provider (a CAS server, a SAML IdP, an OpenID provider), read
// and filled as a browser does when the user types the login and the password and presses
// Enter. Shared by every login-based probe kind.

#include <string>
#include <utility>
#include <vector>

#include "html/document.h"

namespace sdetcheck {

// How often one login types the credentials: once, and once more into the form the server
// shows again, whose one-time token may have expired while the first post waited (a busy
// server, a long queue). A second refusal is a refusal.
constexpr int kCredentialPosts = 2;

struct FormsFound {
  std::vector<HtmlForm> forms;
  std::string error;  // the page is beyond the HTML limits
};

// The forms of an HTML page (run it on the executor).
FormsFound FormsOf(const std::string& body);
// The first form with a password field, or null.
const HtmlForm* PasswordForm(const FormsFound& found);

// Where the browser posts `form` of the page at `page_url` (an empty action: the page).
std::string FormTarget(const HtmlForm& form, const std::string& page_url);

// The fields a browser submits when the user fills the login and password and presses
// Enter: every named, enabled control in document order, checkboxes and radio buttons only
// when checked, and the default button (the first submit button) as the submitter.
std::vector<std::pair<std::string, std::string>> FillForm(const HtmlForm& form,
                                                          const std::string& login,
                                                          const std::string& password);

}  // namespace sdetcheck
