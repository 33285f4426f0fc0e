// What the standard streams are connected to.
#pragma once

namespace gpn {

// Whether standard error is a terminal (progress bars are drawn only there).
bool stderr_is_terminal();

}  // namespace gpn
