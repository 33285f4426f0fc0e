// Converts COINr's framework table (iMeta: Level, iCode, iName, Direction,
// Weight, Parent, Type, ...) into a gpn methodology, so COINr users bring
// their data as it is.
#pragma once
#include <string>

#include "gpn/error.h"

namespace gpn {

// Returns the methodology as YAML text. `id` names the methodology.
bool import_coinr_meta(const std::string& path, const std::string& id, std::string* yaml, Error* err);
bool convert_coinr_meta(const std::string& csv, const std::string& name, const std::string& id, std::string* yaml,
                        Error* err);

}  // namespace gpn
