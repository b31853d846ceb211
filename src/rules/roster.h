// Roster files: the names of a newsroom's staff, one per line, kept beside
// the rules file that names them ($.bylines.roster.file).
//
//   # Bayside Weekly staff
//   Marnie Coultard
//   Tobias Wrenfield
//
// Blank lines and lines starting with '#' are skipped; spaces around a name
// are dropped. Names are compared as NormaliseName gives them.
//
// Thread-safety: a pure function.
#ifndef PROVCHECK_SRC_RULES_ROSTER_H_
#define PROVCHECK_SRC_RULES_ROSTER_H_

#include <set>
#include <string>
#include <string_view>

#include "provcheck/status.h"

namespace provcheck::rules {

// Adds the names in `bytes`, the roster file `name`, to `names`. Fails with
// kInvalidInput "NAME:LINE: invalid UTF-8" or "NAME: binary file" when the
// file is not text.
Status ParseRoster(std::string_view name, std::string_view bytes, std::set<std::string>* names);

}  // namespace provcheck::rules

#endif  // PROVCHECK_SRC_RULES_ROSTER_H_
