#!/usr/bin/perl
# Renders a template of the sdetcheck reference ENT (used by scripts/refent.sh).
#   render.pl text|json TEMPLATE OUTPUT NAME=VALUE ...
# VALUE "@file:PATH" is replaced by the file's content (trailing newline removed);
# VALUE "json:TEXT" is parsed as JSON (json mode: a string equal to "@NAME@" becomes that structure).
# text mode replaces every @NAME@; json mode replaces @NAME@ inside every string and hash key.
# The output is written with mode 0600 when its name ends in .json (it holds keys and secrets).
use strict;
use warnings;
use JSON::PP;

my ($mode, $tpl, $outfile, @pairs) = @ARGV;
die "usage: render.pl text|json TEMPLATE OUTPUT NAME=VALUE...\n" unless $mode && $mode =~ /^(text|json)$/ && $outfile;
my %v;
for my $p (@pairs) {
    my ($k, $val) = split /=/, $p, 2;
    die "render.pl: bad pair $p\n" unless defined $val;
    if ($val =~ /^\@file:(.*)$/s) {
        open(my $fh, '<:raw', $1) or die "render.pl: cannot read $1: $!\n";
        local $/;
        $val = <$fh>;
        $val =~ s/\n+$//;
    }
    $v{$k} = $val;
}
open(my $in, '<:raw', $tpl) or die "render.pl: cannot read $tpl: $!\n";
my $text = do { local $/; <$in> };
close $in;

sub subst {
    my $s = shift;
    $s =~ s/\@([A-Z][A-Z0-9_]*)\@/exists $v{$1} ? $v{$1} : die "render.pl: no value for \@$1\@\n"/ge;
    return $s;
}

my $result;
if ($mode eq 'text') {
    $result = subst($text);
} else {
    my $json = JSON::PP->new->utf8->canonical->pretty;
    my $walk;
    $walk = sub {
        my $x = shift;
        if (ref $x eq 'HASH') {
            return {map { subst($_) => $walk->($x->{$_}) } keys %$x};
        } elsif (ref $x eq 'ARRAY') {
            return [map { $walk->($_) } @$x];
        } elsif (defined $x && !ref $x && $x =~ /^\@([A-Z][A-Z0-9_]*)\@$/ && exists $v{$1} && $v{$1} =~ /^json:(.*)$/s) {
            return JSON::PP->new->utf8->decode($1);
        } elsif (defined $x && !ref $x && $x =~ /\@/) {
            return subst($x);
        }
        return $x;
    };
    my $tree = JSON::PP->new->utf8->decode($text);
    delete $tree->{'//'};    # template comment
    my $data = $walk->($tree);
    $data->{cfgDate} = time if exists $data->{cfgDate};
    $result = $json->encode($data);
}
my $umask = umask($outfile =~ /\.json$/ ? 077 : 022);
open(my $out, '>:raw', "$outfile.tmp") or die "render.pl: cannot write $outfile.tmp: $!\n";
print $out $result;
close $out or die "render.pl: $!\n";
umask $umask;
rename "$outfile.tmp", $outfile or die "render.pl: rename: $!\n";
