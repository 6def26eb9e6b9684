#!/usr/bin/perl
# ent-services.pl: the CAS-protected services of the sdetcheck reference ENT.
#
# A small FastCGI daemon behind nginx (location /services/). Each service
# /services/<id>/ behaves like a real ENT service that is a CAS client:
#   - no session: 302 to <cas>/login?service=<url-encoded service URL>;
#   - back with ?ticket=ST-...: the ticket is validated server-side against
#     <cas>/p3/serviceValidate (HTTPS, local CA), the XML answer is parsed, the
#     profile is read from ENTPersonProfils, a service session cookie is set
#     (Secure, HttpOnly) and the page answers 200, or 403 when the profile is
#     not allowed; an invalid ticket gives 401;
#   - with its session cookie: 200 / 403 again, without CAS.
# Allowed profiles come from the services file (id<TAB>label<TAB>profiles), re-read
# whenever it changes, so that `refent.sh variant` needs no restart.
#
# Open service pages carry the national audience tag (DNMA): SERVICE and PROFIL from the
# page and the user, the other properties from the tag file (KEY=VALUE lines, re-read when
# it changes, written by refent.sh from the variant).
#
# Every page shows the establishment's banner, an image whose URL is the first line of the
# banner file (re-read on each request; no file or an empty line: no banner).
#
#   ent-services.pl --socket PATH --pidfile PATH --services FILE --cas URL
#                   --base URL --ca FILE --tag FILE [--banner FILE] [--cookie FILE]
#                   [--user www-data]
# --cookie names a file whose first line is the attributes of the services' session cookie
# (re-read on each login; default "Secure; HttpOnly; SameSite=Lax").
use strict;
use warnings;
use utf8;
use FCGI;
use HTTP::Tiny;
use IO::Handle;
use XML::LibXML;
use Encode qw(encode_utf8 decode_utf8);
use Getopt::Long;
use POSIX ();

my %opt = (user => 'www-data');
GetOptions(\%opt, 'socket=s', 'pidfile=s', 'services=s', 'cas=s', 'base=s', 'ca=s', 'tag=s', 'banner=s', 'cookie=s', 'user=s')
  or die "usage: see the header of $0\n";
for my $k (qw(socket pidfile services cas base ca tag)) {
    die "ent-services: --$k is required\n" unless defined $opt{$k};
}
$opt{cas}  =~ s{/+$}{};
$opt{base} =~ s{/+$}{};

if ($> == 0) {
    my ($uid, $gid) = (getpwnam($opt{user}))[2, 3];
    defined $uid or die "ent-services: unknown user $opt{user}\n";
    POSIX::setgid($gid) or die "ent-services: setgid: $!\n";
    POSIX::setuid($uid) or die "ent-services: setuid: $!\n";
}
die "ent-services: refusing to run as root\n" if $> == 0;

STDERR->autoflush(1);
sub logmsg { printf STDERR "%s ent-services: %s\n", POSIX::strftime('%Y-%m-%dT%H:%M:%S', localtime), join('', @_) }

# National profile (ENTPersonProfils) -> service profile.
my %PROFILE = (
    National_ELV => 'eleve',
    National_TUT => 'parent',
    National_ENS => 'enseignant',
    National_EVS => 'personnel',
    National_DIR => 'personnel',
    National_ETA => 'personnel',
    National_DOC => 'personnel',
);

my (%services, $services_mtime);
sub load_services {
    my @st = stat($opt{services});
    # refent.sh replaces the file (new inode) at each change: compare inode and mtime.
    return if @st && defined $services_mtime && "$st[1]:$st[9]" eq $services_mtime && %services;
    open(my $fh, '<:encoding(UTF-8)', $opt{services}) or do { logmsg("cannot read $opt{services}: $!"); return };
    my %new;
    while (my $line = <$fh>) {
        chomp $line;
        next if $line =~ /^\s*(#|$)/;
        my ($id, $label, $profiles) = split /\t/, $line;
        next unless defined $profiles;
        $new{$id} = {label => $label, profiles => {map { $_ => 1 } grep { length } split /\s*,\s*/, $profiles}};
    }
    close $fh;
    %services = %new;
    $services_mtime = "$st[1]:$st[9]";
    logmsg('services loaded: ', join(' ', map { "$_=" . join(',', sort keys %{$services{$_}{profiles}}) } sort keys %services));
}

# Audience-tag properties of the service pages besides SERVICE and PROFIL.
my (%tag, $tag_mtime);
sub load_tag {
    my @st = stat($opt{tag}) or do { %tag = (); return };
    return if defined $tag_mtime && "$st[1]:$st[9]" eq $tag_mtime;
    open(my $fh, '<:encoding(UTF-8)', $opt{tag}) or do { logmsg("cannot read $opt{tag}: $!"); return };
    my %new;
    while (my $line = <$fh>) {
        chomp $line;
        next if $line =~ /^\s*(#|$)/;
        my ($k, $v) = split /=/, $line, 2;
        $new{$k} = $v // '';
    }
    close $fh;
    %tag = %new;
    $tag_mtime = "$st[1]:$st[9]";
}

# Service profile -> PROFIL value of the DNMA tagging plan.
my %TAG_PROFILE = (eleve => 'ELEVE', parent => 'PARENT', enseignant => 'ENSEIGNANT', personnel => 'ADMIN_VIE_SCOL_TECH');

sub js_string { my $s = shift // ''; $s =~ s/([\\"])/\\$1/g; $s =~ s/</\\u003c/g; return "\"$s\"" }

sub audience_tag {
    my ($id, $profile) = @_;
    load_tag();
    my %props = (%tag, SERVICE => $id, PROFIL => $TAG_PROFILE{$profile} // 'AUTRE');
    my $list = join(",\n", map { "      " . js_string($_) . ": " . js_string($props{$_}) } sort keys %props);
    my $level2 = defined $props{UAI} ? ", level2: " . js_string($props{UAI}) : '';
    return <<"HTML";
  <!-- Mesure d'audience nationale des ENT (DNMA), après connexion -->
  <script src="/js/smarttag_ENT.js"></script>
  <script>
    var tag = new ATInternet.Tracker.Tag({ site: 999999 });
    tag.setProps({
$list
    }, true);
    tag.page.set({ name: @{[js_string($id)]}$level2 });
    tag.dispatch();
  </script>
HTML
}

my $http = HTTP::Tiny->new(
    agent      => 'sdetcheck-refent-cas-client/1.0',
    timeout    => 10,
    verify_SSL => 1,
    SSL_options => {SSL_ca_file => $opt{ca}},
);

my %sessions;    # sid -> {service, user, attrs, profiles, created}
my $SESSION_TTL = 8 * 3600;

sub random_id {
    open(my $fh, '<:raw', '/dev/urandom') or die "urandom: $!";
    read($fh, my $bytes, 24) == 24 or die "urandom: short read";
    return unpack('H*', $bytes);
}

sub uri_escape {
    my $s = encode_utf8(shift);
    $s =~ s/([^A-Za-z0-9\-._~])/sprintf('%%%02X', ord $1)/ge;
    return $s;
}

sub uri_unescape {
    my $s = shift;
    $s =~ tr/+/ /;
    $s =~ s/%([0-9A-Fa-f]{2})/chr hex $1/ge;
    return $s;
}

sub html { my $s = shift // ''; $s =~ s/&/&amp;/g; $s =~ s/</&lt;/g; $s =~ s/>/&gt;/g; $s =~ s/"/&quot;/g; return $s }

sub page {
    my ($title, $body, $tag) = @_;
    $tag //= '';
    my $banner = banner();
    return <<"HTML";
<!DOCTYPE html>
<html lang="fr">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>@{[html($title)]} — ENT de référence sdetcheck</title>
  <link rel="stylesheet" href="/css/ent.css">
</head>
<body>
  <main id="contenu"><div class="conteneur">
$banner$body
  <p><a href="/">Retour à l'accueil de l'ENT</a></p>
  </div></main>
  <!-- A third-party measurement pixel, as many ENT pages load (never fetched by sdetcheck):
       under a leaky referrer policy it receives the page address, CAS ticket included. -->
  <img src="https://mesure.sdetcheck.invalid/pixel.gif" alt="" width="1" height="1">
$tag</body>
</html>
HTML
}

# The attributes of the services' session cookie: the --cookie file's first line, or
# "Secure; HttpOnly; SameSite=Lax" without it.
sub cookie_attributes {
    my $default = 'Secure; HttpOnly; SameSite=Lax';
    return $default unless defined $opt{cookie};
    open(my $fh, '<', $opt{cookie}) or return $default;
    my $line = <$fh> // '';
    close $fh;
    $line =~ s/\s+$//;
    return $line eq '' ? $default : $line;
}

# The banner image of the establishment, from the banner file's first line.
sub banner {
    return '' unless defined $opt{banner};
    open(my $fh, '<:encoding(UTF-8)', $opt{banner}) or return '';
    my $url = <$fh> // '';
    close $fh;
    $url =~ s/\s+$//;
    return '' if $url eq '';
    return qq(  <img class="bandeau" src="@{[html($url)]}" alt="Bandeau de l'établissement" width="600" height="80">\n);
}

# Validates a service ticket against the CAS server; returns (user, {attr => [values]}) or (undef, code, text).
sub validate_ticket {
    my ($service_url, $ticket) = @_;
    my $url = "$opt{cas}/p3/serviceValidate?service=" . uri_escape($service_url) . '&ticket=' . uri_escape($ticket);
    my $res = $http->get($url);
    unless ($res->{success}) {
        return (undef, 'HTTP_ERROR', "validation HTTP $res->{status} $res->{reason}");
    }
    my $doc = eval { XML::LibXML->load_xml(string => $res->{content}, no_network => 1, load_ext_dtd => 0, expand_entities => 0) };
    return (undef, 'BAD_RESPONSE', "unparsable CAS response: $@") unless $doc;
    my $xpc = XML::LibXML::XPathContext->new($doc);
    $xpc->registerNs(cas => 'http://www.yale.edu/tp/cas');
    if (my ($fail) = $xpc->findnodes('/cas:serviceResponse/cas:authenticationFailure')) {
        my $text = $fail->textContent;
        $text =~ s/^\s+|\s+$//g;
        return (undef, $fail->getAttribute('code') // 'UNKNOWN', $text);
    }
    my ($ok) = $xpc->findnodes('/cas:serviceResponse/cas:authenticationSuccess');
    return (undef, 'BAD_RESPONSE', 'no authenticationSuccess element') unless $ok;
    my $user = $xpc->findvalue('cas:user', $ok);
    $user =~ s/^\s+|\s+$//g;
    return (undef, 'BAD_RESPONSE', 'empty cas:user') unless length $user;
    my %attrs;
    for my $node ($xpc->findnodes('cas:attributes/*', $ok)) {
        next unless ($node->namespaceURI // '') eq 'http://www.yale.edu/tp/cas';
        my $v = $node->textContent;
        $v =~ s/^\s+|\s+$//g;
        push @{$attrs{$node->localname}}, $v;
    }
    return ($user, \%attrs);
}

sub respond {
    my ($out, $status, $headers, $body) = @_;
    my %reason = (200 => 'OK', 301 => 'Moved Permanently', 302 => 'Found', 401 => 'Unauthorized', 403 => 'Forbidden', 404 => 'Not Found', 502 => 'Bad Gateway');
    my $bytes = encode_utf8($body // '');
    my $h = "Status: $status " . ($reason{$status} // '') . "\r\n";
    $h .= "$_->[0]: $_->[1]\r\n" for @$headers;
    $h .= "Content-Type: text/html; charset=utf-8\r\nCache-Control: no-store\r\nContent-Length: " . length($bytes) . "\r\n\r\n";
    print $out $h, $bytes;
}

sub service_page {
    my ($out, $id, $s, $cookie) = @_;
    my $svc = $services{$id};
    my @profiles = @{$s->{profiles}};
    my @allowed = grep { $svc->{profiles}{$_} } @profiles;
    my @hdr = $cookie ? (['Set-Cookie', $cookie]) : ();
    my $who = html($s->{user}) . (($s->{attrs}{cn} && @{$s->{attrs}{cn}}) ? ' (' . html($s->{attrs}{cn}[0]) . ')' : '');
    my $plabel = @profiles ? join(', ', @profiles) : 'aucun';
    my $national = join(', ', @{$s->{attrs}{ENTPersonProfils} // []}) || 'aucun';
    unless (@allowed) {
        logmsg("403 service=$id user=$s->{user} profiles=$plabel");
        return respond($out, 403, \@hdr, page("Accès refusé", <<"HTML"));
    <h1>Accès refusé</h1>
    <p>Le service « @{[html($svc->{label})]} » n'est pas ouvert au profil
      <strong>@{[html($plabel)]}</strong> (ENTPersonProfils : @{[html($national)]}).</p>
    <p>Utilisateur connecté : $who.</p>
HTML
    }
    my $rows = join('', map {
        my $k = $_;
        "      <tr><th scope=\"row\">" . html($k) . "</th><td>" . html(join(' ; ', @{$s->{attrs}{$k}})) . "</td></tr>\n"
    } sort keys %{$s->{attrs}});
    return respond($out, 200, \@hdr, page($svc->{label}, <<"HTML",
    <h1>@{[html($svc->{label})]}</h1>
    <p class="service" data-service="@{[html($id)]}" data-profile="@{[html($allowed[0])]}">Service
      « @{[html($svc->{label})]} » — utilisateur $who, profil <strong>@{[html($allowed[0])]}</strong>
      (ENTPersonProfils : @{[html($national)]}).</p>
    <table>
      <caption>Attributs reçus du serveur CAS</caption>
$rows    </table>
HTML
        audience_tag($id, $allowed[0])));
}

sub handle {
    my ($env, $out) = @_;
    load_services();
    my $uri = $env->{REQUEST_URI} // '/';
    my ($path, $query) = split /\?/, $uri, 2;
    $query //= '';
    my %q;
    for my $pair (split /[&;]/, $query) {
        my ($k, $v) = split /=/, $pair, 2;
        next unless defined $k && length $k;
        $q{uri_unescape($k)} //= uri_unescape($v // '');
    }
    unless ($path =~ m{^/services/([a-z0-9-]+)(/?)$}) {
        return respond($out, 404, [], page('Service introuvable', "    <h1>Service introuvable</h1>\n"));
    }
    my ($id, $slash) = ($1, $2);
    unless ($services{$id}) {
        return respond($out, 404, [], page('Service introuvable', "    <h1>Service introuvable</h1>\n    <p>Aucun service « " . html($id) . " » dans cet ENT.</p>\n"));
    }
    my $service_url = "$opt{base}/services/$id/";
    return respond($out, 301, [['Location', $service_url]], '') unless $slash;

    # Expire old sessions.
    my $now = time;
    for my $sid (keys %sessions) { delete $sessions{$sid} if $now - $sessions{$sid}{created} > $SESSION_TTL }

    if (defined $q{ticket} && length $q{ticket}) {
        my ($user, $attrs, $text) = validate_ticket($service_url, $q{ticket});
        unless (defined $user) {
            logmsg("401 service=$id ticket refused: $attrs $text");
            my $status = $attrs eq 'HTTP_ERROR' ? 502 : 401;
            return respond($out, $status, [], page('Connexion refusée', <<"HTML"));
    <h1>Connexion refusée</h1>
    <p>Le ticket CAS présenté au service « @{[html($services{$id}{label})]} » n'a pas été validé :
      <code>@{[html($attrs)]}</code> @{[html($text)]}</p>
    <p><a href="/services/@{[html($id)]}/">Se connecter à nouveau</a></p>
HTML
        }
        my %seen;
        my @profiles = grep { !$seen{$_}++ } map { $PROFILE{$_} // () } @{$attrs->{ENTPersonProfils} // []};
        my $sid = random_id();
        %sessions = () if keys %sessions > 10000;
        $sessions{$sid} = {service => $id, user => $user, attrs => $attrs, profiles => \@profiles, created => $now};
        logmsg("login service=$id user=$user profiles=" . join(',', @profiles));
        return service_page($out, $id, $sessions{$sid}, "ENTSVC=$sid; Path=/services/$id/; " . cookie_attributes());
    }

    my ($sid) = ($env->{HTTP_COOKIE} // '') =~ /(?:^|;\s*)ENTSVC=([0-9a-f]{48})(?:;|$)/;
    if ($sid && $sessions{$sid} && $sessions{$sid}{service} eq $id) {
        return service_page($out, $id, $sessions{$sid}, undef);
    }
    return respond($out, 302, [['Location', "$opt{cas}/login?service=" . uri_escape($service_url)]], '');
}

unlink $opt{socket};
my $sock = FCGI::OpenSocket($opt{socket}, 32) or die "ent-services: cannot open $opt{socket}: $!\n";
chmod 0660, $opt{socket};
{
    open(my $pf, '>', $opt{pidfile}) or die "ent-services: cannot write $opt{pidfile}: $!\n";
    print $pf "$$\n";
    close $pf;
}
# Immediate (unsafe) handler: FCGI's accept() would otherwise swallow the signal.
for my $sig (POSIX::SIGTERM(), POSIX::SIGINT()) {
    POSIX::sigaction($sig, POSIX::SigAction->new(sub { unlink $opt{socket}; POSIX::_exit(0) }));
}

my ($in, $out, $err) = (IO::Handle->new, IO::Handle->new, IO::Handle->new);
my %env;
my $req = FCGI::Request($in, $out, $err, \%env, $sock);
logmsg("listening on $opt{socket} (pid $$), CAS $opt{cas}, services base $opt{base}");
load_services();
while ($req->Accept() >= 0) {
    eval { handle(\%env, $out); 1 } or do {
        logmsg("internal error: $@");
        respond($out, 502, [], page('Erreur', "    <h1>Erreur interne du service</h1>\n"));
    };
    $req->Finish();
}
