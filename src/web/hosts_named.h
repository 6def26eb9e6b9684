#pragma once
// Whether a privacy page names the hosts a portal sends its users' browsers to (RGPD:
// recipients of personal data, a visitor's IP address included). Pure: strings in, a list out.

#include <string>
#include <vector>

namespace sdetcheck {

// The part of `host` a text may name instead of the host itself: its last two labels
// ("stats.example.com" -> "example.com"), or its last three under a few suffixes that are
// registries themselves ("www.education.gouv.fr" -> "education.gouv.fr"; the table is in
// hosts_named.cpp: a short list for French portals, not the public suffix list). An IP
// address, or a host of one or two labels, is its own registrable part. Lower case.
std::string RegistrablePart(const std::string& host);

// The hosts of `hosts` that `privacy_text` (the privacy page's visible text) names neither
// by their full name nor by their registrable part, compared case-insensitively and as whole
// names ("example.fr" is not named by "myexample.fr" nor by "example.fr.evil.com"). Only the
// first kMaxWebTextBytes of the text are read; at most kMaxWebListEntries hosts are returned.
std::vector<std::string> HostsNotNamed(const std::vector<std::string>& hosts,
                                       const std::string& privacy_text);

}  // namespace sdetcheck
