#include "gpn/error.h"

#include <fmt/format.h>

namespace gpn {

std::string Error::str() const {
  std::string where = file;
  if (!file.empty() && line > 0) {
    where += fmt::format(":{}", line);
    if (column > 0) where += fmt::format(":{}", column);
  }
  return where.empty() ? message : where + ": " + message;
}

}  // namespace gpn
