// Output files are written whole or not at all: into a temporary file beside
// the target, then renamed over it. An output path that names one of the
// inputs is refused, so an input is never overwritten.
#pragma once
#include <string>
#include <vector>

#include "gpn/error.h"

namespace gpn {

bool write_output_file(const std::string& path, const std::string& content, const std::vector<std::string>& inputs,
                       Error* err);

}  // namespace gpn
