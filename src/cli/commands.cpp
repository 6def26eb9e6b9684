#include "cli/commands.h"

#include <CLI/CLI.hpp>

#include "report/comparison_report.h"
#include "report/report.h"

namespace sdetcheck {
namespace {

// Where reports go and in which formats: audit and render.
void AddReportOutputOptions(CLI::App* app, CliOptions* o) {
  app->add_option("-o,--out", o->out_dir, "Directory for the reports")->capture_default_str();
  app->add_option(
         "-f,--format", o->formats,
         "Report formats: html,json,md,junit,sarif (SARIF 2.1.0 for code-scanning dashboards)")
      ->delimiter(',')
      ->check(CLI::IsMember(ReportFormats()))
      ->capture_default_str();
}

void AddGridOptions(CLI::App* app, CliOptions* o) {
  app->add_option("--grids", o->grids, "Grid set directory (default: <data-dir>/grids/sdet-6.3)");
  app->add_option("--probes", o->probes, "Probe files or directories (default: <data-dir>/probes)");
  app->add_option("--lang", o->lang, "Language of texts: fr or en")
      ->check(CLI::IsMember({"fr", "en"}));
}

// What to audit and where the reports go.
void AddAuditInputOptions(CLI::App* app, CliOptions* o) {
  app->add_option("-t,--target", o->target, "Target profile of the ENT (YAML)")
      ->required()
      ->check(CLI::ExistingFile);
  app->add_option("-a,--answers", o->answers, "Attestations and waivers (YAML)")
      ->check(CLI::ExistingFile);
  AddReportOutputOptions(app, o);
  app->add_option("--only", o->only, "Only these item ids or axes (comma-separated)")
      ->delimiter(',');
  app->add_option("--today", o->today,
                  "Date used for waiver expiry, YYYY-MM-DD (default: today, UTC)");
}

// How politely the ENT is probed: concurrency, rate, timeouts, retries, limits.
void AddPolitenessOptions(CLI::App* app, CliOptions* o) {
  TransportOptions& t = o->transport;
  app->add_option("-c,--concurrency", t.per_host_concurrency,
                  "Requests in flight per host name, all its ports together")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  app->add_flag("--per-host-port", t.per_host_includes_port,
                "Count --concurrency per host:port instead (one server per port)");
  app->add_option("-r,--rate", t.rate_per_second,
                  "Most requests started per second, all hosts together; retries and redirect "
                  "hops count too")
      ->check(CLI::Range(0.01, 1000.0))
      ->capture_default_str();
  app->add_option("--connect-timeout", t.connect_timeout_ms, "Connect timeout (ms)")
      ->check(CLI::Range(100L, 600000L))
      ->capture_default_str();
  app->add_option("--timeout", t.total_timeout_ms,
                  "Timeout of one attempt, from connection to last byte (ms)")
      ->check(CLI::Range(100L, 3600000L))
      ->capture_default_str();
  app->add_option("--retries", t.retries,
                  "Extra attempts after a transient failure (never after HTTP 429 or 503)")
      ->check(CLI::Range(0, 5))
      ->capture_default_str();
  app->add_option("--max-body", t.max_body_bytes,
                  "Largest response body read, decompressed (bytes)")
      ->check(CLI::Range(size_t{1024}, size_t{1} << 30))
      ->capture_default_str();
  app->add_option("--max-redirects", t.max_redirects, "Redirects followed at most per request")
      ->check(CLI::Range(0L, 20L))
      ->capture_default_str();
  app->add_option("--analysis-timeout", o->analysis_timeout_ms,
                  "Longest time spent analysing one answer (ms); the audit goes on meanwhile")
      ->check(CLI::Range(100L, 600000L))
      ->capture_default_str();
}

// Which certificates are trusted and how the ENT is reached.
void AddConnectionOptions(CLI::App* app, CliOptions* o) {
  TransportOptions& t = o->transport;
  app->add_option(
         "--ca-bundle", t.ca_bundle,
         "Trusted CA certificates (PEM); default: target's ca_bundle, then the system store")
      ->check(CLI::ExistingFile);
  app->add_option("--proxy", t.proxy, "HTTP(S) proxy URL (environment proxies are ignored)");
}

// The run's opposable evidence: one signed archive (docs/bundle.md).
void AddBundleOptions(CLI::App* app, CliOptions* o) {
  app->add_option("--bundle", o->bundle,
                  "Also write the run's evidence bundle to this file (a ustar archive: reports, "
                  "every exchange redacted, input files, hash-chained manifest)");
  app->add_option("--sign-key", o->sign_key,
                  "PEM private key signing the bundle: Ed25519 alone, any key with --sign-cert")
      ->check(CLI::ExistingFile);
  app->add_option("--sign-cert", o->sign_cert,
                  "PEM certificate of --sign-key: the bundle gets a detached CMS signature")
      ->check(CLI::ExistingFile);
}

void SetupAudit(CLI::App* app, CliOptions* o) {
  AddGridOptions(app, o);
  AddAuditInputOptions(app, o);
  AddPolitenessOptions(app, o);
  AddConnectionOptions(app, o);
  AddBundleOptions(app, o);
}

constexpr const char* kFleetFooter = R"(
The inventory (YAML) lists the ENT instances, each with its target profile:
  instances:
    - {id: 0750001A, name: "Collège Jean Moulin", target: targets/0750001A.yaml}
    - {id: 0750002B, target: targets/0750002B.yaml, answers: answers/0750002B.yaml}
Every instance is audited in the same run, on one transport: --rate is the whole fleet's,
--concurrency holds per host whatever the number of instances. Each instance's reports go
to OUT/<id>/; OUT/fleet.json and OUT/fleet.csv sum the fleet up (verdicts per axis, the most
frequent failures, the worst instances). The CA bundle is the same for every instance
(--ca-bundle, default the first target's).

--shard I/N audits every N-th instance from the I-th (0-based): run the N shards on N
machines (a CI matrix, a Kubernetes Indexed Job), then `sdetcheck merge` their output
directories: the summary is the one a single run gives (docs/fleet.md).

Examples:
  sdetcheck fleet parc.yaml -o out/parc --only securite
  sdetcheck fleet parc.yaml -o out/shard-2 --shard 2/4 && sdetcheck merge out/shard-* -o out/parc)";

void SetupFleet(CLI::App* app, CliOptions* o) {
  app->add_option("inventory", o->inventory, "Inventory of ENT instances (YAML)")
      ->required()
      ->check(CLI::ExistingFile);
  AddGridOptions(app, o);
  app->add_option("-a,--answers", o->answers, "Answers for instances that name none (YAML)")
      ->check(CLI::ExistingFile);
  AddReportOutputOptions(app, o);
  app->add_option("--only", o->only, "Only these item ids or axes (comma-separated)")
      ->delimiter(',');
  app->add_option("--today", o->today, "Date used for waiver expiry, YYYY-MM-DD");
  app->add_option("--shard", o->shard, "Audit only shard I of N (0-based), e.g. 0/4");
  app->add_option("--csv-separator", o->csv_separator, "fleet.csv field separator")
      ->check(CLI::IsMember({";", ",", "\t"}))
      ->capture_default_str();
  AddPolitenessOptions(app, o);
  AddConnectionOptions(app, o);
  app->footer(kFleetFooter);
}

void SetupMerge(CLI::App* app, CliOptions* o) {
  app->add_option("dirs", o->merge_dirs, "Output directories of sdetcheck fleet --shard runs")
      ->required()
      ->check(CLI::ExistingDirectory);
  app->add_option("-o,--out", o->out_dir, "Directory of the merged fleet")->capture_default_str();
  app->add_option("--csv-separator", o->csv_separator, "fleet.csv field separator")
      ->check(CLI::IsMember({";", ",", "\t"}))
      ->capture_default_str();
  app->add_option("--lang", o->lang, "Language of texts: fr or en")
      ->check(CLI::IsMember({"fr", "en"}));
}

// Whose signature a bundle must carry.
void AddTrustOptions(CLI::App* app, CliOptions* o) {
  app->add_option("bundle", o->bundle_file, "A bundle written by sdetcheck audit --bundle")
      ->required()
      ->check(CLI::ExistingFile);
  app->add_option("--key", o->trust_key, "The Ed25519 public key (PEM) that must have signed it")
      ->check(CLI::ExistingFile);
  app->add_option("--cert", o->trust_cert, "The certificate (PEM) that must have signed it (CMS)")
      ->check(CLI::ExistingFile);
  app->add_option("--ca", o->trust_ca, "CA certificates (PEM) the CMS signer must chain to")
      ->check(CLI::ExistingFile);
  app->add_flag("--allow-unsigned", o->allow_unsigned,
                "Accept an unsigned bundle whose hash chain holds (integrity against accidents "
                "only)");
  app->add_option("--lang", o->lang, "Language of texts: fr or en")
      ->check(CLI::IsMember({"fr", "en"}));
}

constexpr const char* kBundleVerifyFooter = R"(
Checks every byte of the archive: each file against the manifest (size, SHA-256), the
manifest's hash chain, the padding and end blocks of the archive, and the signature of the
manifest. Without --key, --cert or --ca the signature is checked against the key the bundle
names, which proves integrity, not who signed: pin the expected signer.

Exit status: 0 verified, 1 verification failed (or unsigned without --allow-unsigned).

Examples:
  sdetcheck bundle verify out/run.sdetbundle --key auditeur.pub.pem
  sdetcheck bundle verify out/run.sdetbundle --ca ac-academie.pem)";

void SetupBundleVerify(CLI::App* app, CliOptions* o) {
  AddTrustOptions(app, o);
  app->footer(kBundleVerifyFooter);
}

constexpr const char* kReplayFooter = R"(
Re-judges a recorded run offline, without touching the ENT: the bundle is verified first,
then each probed item's recorded outcome is judged again with the grid set of --grid-set (by
default the bundle's own) and the answers of --answers (by default the bundle's own). An
outcome is reused only for the same item, probe and parameters; any other probed item is
reported as not checkable offline. Prints what the new rules change.

Examples:
  sdetcheck replay out/run.sdetbundle --key auditeur.pub.pem -o out/replay
  sdetcheck replay out/run.sdetbundle --key auditeur.pub.pem --grid-set grids/sdet-7.0 -o out/sdet7)";

void SetupReplay(CLI::App* app, CliOptions* o) {
  AddTrustOptions(app, o);
  AddReportOutputOptions(app, o);
  app->add_option("--grid-set", o->replay_grids, "Judge with this grid set instead of the bundle's")
      ->check(CLI::ExistingDirectory);
  app->add_option("-a,--answers", o->answers, "Attestations and waivers instead of the bundle's")
      ->check(CLI::ExistingFile);
  app->add_option("--today", o->today, "Date used for waiver expiry, YYYY-MM-DD");
  app->footer(kReplayFooter);
}

void SetupRender(CLI::App* app, CliOptions* o) {
  app->add_option("report", o->saved_report, "A report.json written by sdetcheck audit")
      ->required()
      ->check(CLI::ExistingFile);
  AddReportOutputOptions(app, o);
}

constexpr const char* kDiffFooter = R"(
Both reports are report.json files written by sdetcheck audit (or run directories holding
one). Items are matched by id, checks by key and subject. Changes are listed worst first:
regressions (an item now failing, or a new failing check in an item that already failed),
items no longer verified (met before, error or not tested now), improvements, other changes
of state, then checks in the same state that observed something else.

Exit status: 0 no regression, 1 at least one regression (--strict: or an item no longer
verified), 3 a report could not be read.

Examples:
  sdetcheck diff out/2026-11/ out/2026-12/
  sdetcheck diff last/report.json out/report.json --format json -o diff.json)";

void SetupDiff(CLI::App* app, CliOptions* o) {
  app->add_option("old", o->diff_old, "The earlier run: report.json or its directory")
      ->required()
      ->check(CLI::ExistingPath);
  app->add_option("new", o->diff_new, "The later run: report.json or its directory")
      ->required()
      ->check(CLI::ExistingPath);
  app->add_option("--format", o->diff_format, "text (for a person) or json (stable names)")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  app->add_flag("-v,--verbose", o->diff_verbose,
                "List the checks whose observation changed, not only their number");
  app->add_flag("--strict", o->diff_strict,
                "Exit 1 also when an item met before can no longer be verified");
  app->add_option("-o,--output", o->output_file, "Write to this file instead of stdout");
  app->add_option("--lang", o->lang, "Language of texts: fr or en")
      ->check(CLI::IsMember({"fr", "en"}));
  app->footer(kDiffFooter);
}

constexpr const char* kCompareFooter = R"(
Each run is a report.json written by sdetcheck audit, or the run directory holding it, one
per candidate ENT, all of the same grid version (--any-grid to compare across versions: the
items defined differently are then marked). Writes compare.html and compare.md (verdicts,
scores per axis, exigences failed, the share of each result resting on declarations, then
items x candidates), compare.csv (items x candidates) and compare-scores.csv.

A buyer's weighting (--weights FILE, YAML) multiplies the SDET weights per axis or item:
  name: Pondération du marché 2027
  axes: {securite: 2, juridique: 2}
  items: {AUTH-01: 3, ECO-01: 0}
Its score is shown beside the SDET scores, never instead of them.

Examples:
  sdetcheck compare runs/candidat-a runs/candidat-b runs/candidat-c -o out/compare
  sdetcheck compare a/report.json b/report.json --weights ponderation.yaml --group-by responsible)";

void SetupCompare(CLI::App* app, CliOptions* o) {
  app->add_option("runs", o->compare_runs,
                  "Run directories or report.json files, one per candidate")
      ->required()
      ->expected(2, 64)
      ->check(CLI::ExistingPath);
  app->add_option("-o,--out", o->compare_out, "Directory for the comparison")
      ->capture_default_str();
  app->add_option("-f,--format", o->compare_formats, "Formats: html,md,csv")
      ->delimiter(',')
      ->check(CLI::IsMember(ComparisonFormats()))
      ->capture_default_str();
  app->add_option("--group-by", o->compare_group_by,
                  "Group the items by axis, by who answers for them (responsible), or not at all")
      ->check(CLI::IsMember({"axis", "responsible", "none"}))
      ->capture_default_str();
  app->add_option("--weights", o->compare_weights,
                  "The buyer's weighting (YAML): multipliers per axis or item")
      ->check(CLI::ExistingFile);
  app->add_flag("--any-grid", o->compare_any_grid,
                "Compare runs of different grid versions, marking the items that differ");
  app->add_option("--csv-separator", o->csv_separator,
                  "CSV field separator (';' suits French spreadsheets)")
      ->check(CLI::IsMember({";", ",", "\t"}))
      ->capture_default_str();
  app->add_option("--lang", o->lang, "Language of texts: fr or en")
      ->check(CLI::IsMember({"fr", "en"}));
  app->footer(kCompareFooter);
}

void SetupLint(CLI::App* app, CliOptions* o) {
  AddGridOptions(app, o);
  app->add_option(
      "paths", o->lint_paths,
      "Grid set directories, probe, target or answers files (default: the grid set and probes)");
}

void SetupGridList(CLI::App* app, CliOptions* o) { AddGridOptions(app, o); }

void SetupGridShow(CLI::App* app, CliOptions* o) {
  AddGridOptions(app, o);
  app->add_option("id", o->item_id, "Item id, e.g. SEC-01A")->required();
}

void SetupGridExport(CLI::App* app, CliOptions* o) {
  AddGridOptions(app, o);
  app->add_option("--format", o->export_format, "csv or md")
      ->check(CLI::IsMember({"csv", "md"}))
      ->capture_default_str();
  app->add_option("--csv-separator", o->csv_separator,
                  "CSV field separator (';' suits French spreadsheets)")
      ->check(CLI::IsMember({";", ",", "\t"}))
      ->capture_default_str();
  app->add_option("-o,--output", o->output_file, "Write to this file instead of stdout");
}

const char* kAafGenerateFooter =
    R"(Writes ENT2D_<ACADEMY>_Complet_<DATE>_<Type>_<NNNN>.xml (ENT1D_ for --degree 1; Delta
instead of Complet for the delta set) for EtabEducNat, Eleve, PersRelEleve and PersEducNat,
ficAlimMENESR.dtd, and faults.json: the seed, the persons, the faults injected per rule and
the records written per set and type, so that tests can expect exact counts.
All names, dates, identifiers and addresses are fictitious.

Examples:
  sdetcheck aaf generate --out /tmp/feed
  sdetcheck aaf generate --out /tmp/big --persons 1000000 --encoding utf-8
  sdetcheck aaf generate --out /tmp/faulty --inject value.uai=2 --inject ref.relative=5
  sdetcheck aaf generate --out /tmp/delta --delta --inject delta.delete_unknown=1)";

std::string AafInjectHelp() {
  std::string help =
      "Inject COUNT faults of RULE, each giving exactly one finding of that rule "
      "(repeatable; delta.* need --delta). Rules:";
  for (const FaultKind& kind : FaultKinds()) help += " " + std::string(kind.rule);
  return help;
}

// Options of `aaf generate`; the fault rule ids are listed in the help of --inject.
void SetupAafGenerate(CLI::App* app, CliOptions* o) {
  AafGeneratorOptions& g = o->aaf_generate;
  app->add_option("--out", o->aaf_out_dir, "Directory for the feed (created; must be empty)")
      ->required();
  app->add_flag("--force", o->aaf_force,
                "Write into a non-empty directory; earlier ENT1D_/ENT2D_ files and faults.json "
                "there are removed first");
  app->add_option("--persons", g.persons,
                  "Persons in the feed: ~55% pupils, ~40% relatives, ~5% staff")
      ->capture_default_str();
  app->add_option("--establishments", g.establishments,
                  "Establishments (default: persons / 700, at least 1)");
  app->add_option("--seed", g.seed, "Seed: the same seed and options give the same bytes")
      ->capture_default_str();
  app->add_option("--degree", g.degree, "2: collèges and lycées (AAF 2D); 1: écoles (AAF1D layout)")
      ->check(CLI::IsMember({1, 2}))
      ->capture_default_str();
  app->add_flag("--delta", g.delta,
                "Also write a Delta set: pupils added, moved to another class, deleted");
  app->add_option("--inject", o->aaf_inject, AafInjectHelp())->type_name("RULE=COUNT");
  app->add_option("--encoding", g.encoding,
                  "Encoding written and declared (real exports: ISO-8859-15)")
      ->check(CLI::IsMember({"iso-8859-15", "utf-8"}))
      ->capture_default_str();
  app->add_option("--chunk-records", g.chunk_records,
                  "Records per file before the next _NNNN chunk")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app->add_option("--academy", g.academy, "Académie code in file names and records (A-Z, 0-9, -)")
      ->capture_default_str();
  app->add_option("--date", g.date,
                  "Export date YYYYMMDD in file names; the school year starts then")
      ->capture_default_str();
  app->add_option("--lang", o->lang, "Language of messages: fr or en")
      ->check(CLI::IsMember({"fr", "en"}));
  app->footer(kAafGenerateFooter);
}

void SetupProbes(CLI::App* app, CliOptions* o) {
  app->add_option("--probes", o->probes, "Probe files or directories (default: <data-dir>/probes)");
}

void SetupAafValidate(CLI::App* app, CliOptions* o) {
  app->add_option("inputs", o->aaf_inputs,
                  "Feed files, or directories whose *.xml files form one feed (every type: "
                  "EtabEducNat, Eleve, PersRelEleve, PersEducNat; chunks _0000, _0001...)")
      ->required();
  app->add_option("--previous", o->aaf_previous,
                  "The full (Complet) set a delta follows: adds of known ids and changes of "
                  "unknown ones are then findings");
  app->add_option("--format", o->aaf_format, "text (a summary, then findings), json or csv")
      ->check(CLI::IsMember({"text", "json", "csv"}))
      ->capture_default_str();
  app->add_option("-o,--output", o->output_file, "Write to this file instead of stdout");
  app->add_option("-j,--threads", o->aaf_threads, "Files read at once")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  app->add_option("--keep", o->aaf_kept, "Findings listed per rule (counts are always exact)")
      ->capture_default_str();
}

const char* kAafLdifFooter =
    R"(Writes one ENTStructure entry per establishment (ou=structures) and one ENTPerson entry
per person (ou=people) under --suffix, in the reference ENT's test schema
(reference-ent/schema/ent-test.schema): join key <prefix><id>, national profile (staff: from
their function codes), UAIs in place of structure ids, classes and relatives as the
directory cross-check reads them, the relative -> pupil link derived. Logins: e<id> pupils,
r<id> relatives, p<id> staff. Only a full (Complet) set is accepted.

Examples:
  sdetcheck aaf ldif /tmp/feed --suffix dc=example,dc=test -o /tmp/feed.ldif
  sdetcheck aaf generate --out /tmp/f --persons 2000 && sdetcheck aaf ldif /tmp/f --suffix dc=x)";

void SetupAafLdif(CLI::App* app, CliOptions* o) {
  app->add_option("inputs", o->aaf_inputs,
                  "Feed files, or directories whose *.xml files form one full feed")
      ->required();
  app->add_option("--suffix", o->ldif_suffix,
                  "Directory suffix: entries go under ou=people and ou=structures of it")
      ->required();
  app->add_option("--join-prefix", o->ldif_join_prefix,
                  "What precedes the AAF id in ENTPersonJointure")
      ->capture_default_str();
  app->add_option("-o,--output", o->output_file, "Write to this file instead of stdout");
  app->add_option("--lang", o->lang, "Language of messages: fr or en")
      ->check(CLI::IsMember({"fr", "en"}));
  app->footer(kAafLdifFooter);
}

constexpr const char* kTlsScanFooter = R"(
Every protocol version from TLS 1.0 to 1.3 is tried; at each, every cipher suite this
machine's OpenSSL can offer (weak ones included), then again without the one the server
chose, until it refuses; the accepted suites offered in reverse tell whether the server
imposes its order. The certificate chain comes from the first handshake of the highest
version and is verified against --ca-bundle (default: the system store). Handshakes obey
--rate and --concurrency like an audit's requests: lift them for a lab server.

Examples:
  sdetcheck tls scan https://ent.example.fr/
  sdetcheck tls scan https://localhost:20443/ --ca-bundle build/refent/certs/ca.pem --json
  sdetcheck tls scan https://127.0.0.1:8443/ --sni ent.example.fr -r 200 -c 8)";

void SetupTlsScan(CLI::App* app, CliOptions* o) {
  app->add_option("url", o->tls_url, "https:// URL of the endpoint (host and port)")->required();
  app->add_option("--sni", o->tls_server_name, "Server name sent (default: the URL's host)");
  app->add_flag("--json", o->tls_json, "Write the scan as JSON instead of text");
  AddPolitenessOptions(app, o);
  AddConnectionOptions(app, o);
  app->footer(kTlsScanFooter);
}

}  // namespace

const char* CommandGroupHelp(const std::string& group) {
  if (group == "aaf")
    return "AAF directory feeds (the académie's exports): validate, generate, ldif";
  if (group == "tls") return "TLS of an endpoint: scan (versions, cipher suites, certificate)";
  if (group == "bundle") return "Evidence bundles of audits: verify";
  return "Inspect and export the grid set";
}

const std::vector<Command>& Commands() {
  static const std::vector<Command> kCommands = {
      {nullptr, "audit", "Audit a live ENT and write the conformity report", SetupAudit,
       AuditCommand},
      {nullptr, "render",
       "Render a saved report.json again (HTML, Markdown, JUnit), e.g. after editing templates",
       SetupRender, RenderCommand},
      {nullptr, "diff",
       "What changed between two runs of one ENT, regressions first; exit 1 on a regression",
       SetupDiff, DiffCommand},
      {nullptr, "compare",
       "Compare the runs of several candidate ENTs (a tender): HTML, Markdown and CSV tables",
       SetupCompare, CompareCommand},
      {"bundle", "verify",
       "Verify an evidence bundle: every file, the hash chain and the signature", SetupBundleVerify,
       BundleVerifyCommand},
      {nullptr, "replay",
       "Judge a recorded run again offline (new grid, answers or scoring) from its bundle",
       SetupReplay, ReplayCommand},
      {nullptr, "fleet",
       "Audit a fleet of ENT instances in one run (an inventory), optionally one shard of it",
       SetupFleet, FleetCommand},
      {nullptr, "merge", "Merge the output directories of fleet shards into one fleet summary",
       SetupMerge, MergeCommand},
      {nullptr, "lint", "Check grid, probe, target and answers files; list every problem",
       SetupLint, LintCommand},
      {"grid", "list", "List the items of the grid set", SetupGridList, GridListCommand},
      {"grid", "show", "Show one item in full", SetupGridShow, GridShowCommand},
      {"grid", "export", "Export the grid as a tender questionnaire (CSV or Markdown)",
       SetupGridExport, GridExportCommand},
      {"aaf", "generate",
       "Write a synthetic AAF feed (deterministic, optionally with injected faults)",
       SetupAafGenerate, AafGenerateCommand},
      {nullptr, "probes", "List probe kinds and the probes defined", SetupProbes,
       ProbesListCommand},
      {"aaf", "validate",
       "Check AAF feed files (envelope, vocabulary, formats, duplicates, references across "
       "files, delta); exit 1 when a rule of severity error is broken",
       SetupAafValidate, AafValidateCommand},
      {"aaf", "ldif",
       "Write the LDIF an importer would load from a full AAF feed (the reference ENT's "
       "schema)",
       SetupAafLdif, AafLdifCommand},
      {"tls", "scan",
       "Scan the TLS of an endpoint as sslscan does: versions, suites, order, certificate",
       SetupTlsScan, TlsScanCommand},
  };
  return kCommands;
}

}  // namespace sdetcheck
