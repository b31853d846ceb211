#!/usr/bin/env python3
"""Writes the man page (provcheck.1) and the bash and zsh completions from the
built binary's --help text, so the three cannot drift from the flags.
Usage: help_to_docs.py BINARY OUTDIR VERSION"""

import os
import re
import subprocess
import sys

SECTIONS = ("Positionals:", "Options:", "Subcommands:")


class Command:
    def __init__(self, path, text):
        self.path = path  # ["index", "add"]
        self.summary, self.usage, self.footer = "", "", []
        self.entries = {s: [] for s in SECTIONS}  # section -> [(names, description)]
        self.parse(text)

    def parse(self, text):
        lines = text.rstrip("\n").split("\n")
        self.summary = lines[0]
        section = None
        for line in lines[1:]:
            if line.startswith("Usage: "):
                words = line[len("Usage: "):].split(" ", 1)
                self.usage = "provcheck" + (" " + words[1] if len(words) > 1 else "")
            elif line in SECTIONS:
                section = line
            elif section and line.startswith("  ") and line.strip():
                if line.startswith(" " * 20) and self.entries[section]:
                    names, desc = self.entries[section][-1]  # a continuation line
                    self.entries[section][-1] = (names, (desc + " " + line.strip()).strip())
                else:
                    parts = re.split(r"\s{2,}", line.strip(), maxsplit=1)
                    self.entries[section].append((parts[0], parts[1] if len(parts) > 1 else ""))
            elif not line.strip():
                section = None
            else:
                section = None
                self.footer.append(line)

    def subcommands(self):
        return [names.split()[0] for names, _ in self.entries["Subcommands:"]]

    def flags(self):
        out = []
        for names, _ in self.entries["Options:"]:
            for name in names.split()[0].split(","):
                if name.startswith("-"):
                    out.append(name)
        return out


def help_text(binary, path):
    env = dict(os.environ, COLUMNS="200")
    run = subprocess.run([binary] + path + ["--help"], capture_output=True, text=True, env=env)
    if run.returncode != 0:
        sys.exit("help_to_docs.py: %s --help failed: %s" % (" ".join(path), run.stderr))
    return run.stdout


def walk(binary, path=()):
    cmd = Command(list(path), help_text(binary, list(path)))
    out = [cmd]
    for sub in cmd.subcommands():
        out += walk(binary, tuple(path) + (sub,))
    return out


def roff(text):
    text = text.replace("\\", "\\e").replace("-", "\\-")
    return re.sub(r"^([.'])", r"\\&\1", text, flags=re.M)


def man_page(commands, version):
    top = commands[0]
    out = ['.TH PROVCHECK 1 "" "provcheck %s" "User Commands"' % version,
           ".SH NAME", "provcheck \\- " + roff(top.summary.split(": ", 1)[-1]),
           ".SH SYNOPSIS", ".B provcheck", "\\fICOMMAND\\fR [\\fIOPTIONS\\fR] [\\fIARGUMENTS\\fR]",
           ".SH DESCRIPTION", roff(top.summary), ".PP",
           "Every command below also takes \\fB\\-h\\fR, \\fB\\-\\-help\\fR.",
           ".SH EXIT STATUS", ".TP", "0", "pass", ".TP", "1", "the rules fail the draft",
           ".TP", "2", "usage, input or I/O error", ".TP", "3",
           "a signature or digest did not verify", ".SH COMMANDS"]
    for cmd in commands[1:]:
        out += [".SS " + roff(cmd.usage), roff(cmd.summary)]
        for section in ("Positionals:", "Options:"):
            for names, desc in cmd.entries[section]:
                if names.startswith("-h,--help"):
                    continue
                out += [".TP", "\\fB" + roff(names) + "\\fR", roff(desc)]
        if cmd.footer:
            out += [".PP", ".nf"] + [roff(l) for l in cmd.footer] + [".fi"]
    out += [".SH FILES", ".TP", "\\fI.provcheck/\\fR",
            "the index folder when neither \\fB\\-\\-index\\fR nor \\fB$PROVCHECK_INDEX\\fR names one",
            ".TP", "\\fI.provcheck.json\\fR", "the settings \\fBprovcheck ci\\fR reads",
            ".SH ENVIRONMENT", ".TP", "\\fBPROVCHECK_INDEX\\fR", "the default index folder",
            ".TP", "\\fBNO_COLOR\\fR", "no colour in the text report",
            ".SH SEE ALSO", "The README and docs/ in /usr/share/doc/provcheck/."]
    return "\n".join(out) + "\n"


# The part both completions share: walk the words typed so far along the
# command tree, then set `offer` to the subcommands and flags at that point.
WALK = """  local @PATH@="" w i offer=""
  for ((i = @FIRST@; i < @LAST@; i++)); do
    w=@WORD@
    case "${@PATH@:+$@PATH@ }$w" in
      @ARMS@) @PATH@="${@PATH@:+$@PATH@ }$w" ;;
    esac
  done
  case "$@PATH@" in
@TABLE@
  esac
"""


def walk_script(commands, first, last, word, path_var):
    table = "\n".join('    "%s") offer="%s" ;;' % (" ".join(c.path),
                                                   " ".join(c.subcommands() + c.flags()))
                      for c in commands)
    arms = "|".join('"%s"' % " ".join(c.path) for c in commands[1:])
    fill = {"@PATH@": path_var, "@FIRST@": first, "@LAST@": last, "@WORD@": word,
            "@ARMS@": arms, "@TABLE@": table}
    return re.sub("|".join(fill), lambda m: fill[m.group(0)], WALK)


def bash_completion(commands):
    return """# bash completion for provcheck (generated from --help by cmake/help_to_docs.py)
_provcheck() {
  local cur=${COMP_WORDS[COMP_CWORD]}
%s  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$offer" -- "$cur"))
  else
    COMPREPLY=($(compgen -W "${offer%%%% -*}" -- "$cur"))
    [[ ${offer%%%% -*} == -* ]] && COMPREPLY=()
  fi
}
complete -o default -F _provcheck provcheck
""" % walk_script(commands, "1", "COMP_CWORD", "${COMP_WORDS[i]}", "path")


def zsh_completion(commands):
    return """#compdef provcheck
# zsh completion for provcheck (generated from --help by cmake/help_to_docs.py)
_provcheck() {
%s  local -a choices
  choices=(${(z)offer})
  if [[ ${PREFIX} == -* ]]; then
    choices=(${(M)choices:#-*})
  else
    choices=(${choices:#-*})
  fi
  if (( ${#choices} )); then
    compadd -- $choices
  else
    _files
  fi
}
_provcheck "$@"
""" % walk_script(commands, "2", "CURRENT", "${words[i]}", "path_")


def main():
    binary, outdir, version = sys.argv[1:4]
    commands = walk(binary)
    os.makedirs(outdir, exist_ok=True)
    for name, text in (("provcheck.1", man_page(commands, version)),
                       ("provcheck.bash", bash_completion(commands)),
                       ("_provcheck", zsh_completion(commands))):
        with open(os.path.join(outdir, name), "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()
