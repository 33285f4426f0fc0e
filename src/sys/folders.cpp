#include "sys/folders.h"

#include <stdlib.h>

namespace gpn {

std::optional<std::string> make_unique_folder(const std::string& prefix) {
  std::string name = prefix + "XXXXXX";
  if (!::mkdtemp(name.data())) return std::nullopt;
  return name;
}

}  // namespace gpn
