#include "sys/terminal.h"

#include <unistd.h>

namespace gpn {

bool stderr_is_terminal() { return ::isatty(STDERR_FILENO) != 0; }

}  // namespace gpn
