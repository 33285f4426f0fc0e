// Folders gpn creates for itself.
#pragma once
#include <optional>
#include <string>

namespace gpn {

// A new, empty folder named `prefix` plus six random characters (mkdtemp),
// created only if no such name exists; nothing if it cannot be created.
std::optional<std::string> make_unique_folder(const std::string& prefix);

}  // namespace gpn
