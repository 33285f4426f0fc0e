// Times one command for bench/run.sh: what GNU time's "%e %M" reports (wall
// seconds, peak resident memory of the child in KiB), with the wall time in
// milliseconds instead of hundredths of a second. At the numeric benchmark's
// 0.12-0.15 s one hundredth moved the pandas ratio by 1.3.
// Usage: gpn_bench_time RESULT_FILE COMMAND [ARGS...]
// The command's stdout and stderr go to /dev/null; RESULT_FILE gets
// "SECONDS PEAK_KIB\n"; the exit status is the command's (127 if it could not run).
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <ctime>

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: gpn_bench_time RESULT_FILE COMMAND [ARGS...]\n");
    return 2;
  }
  timespec start{}, end{};
  ::clock_gettime(CLOCK_MONOTONIC, &start);
  const pid_t child = ::fork();
  if (child < 0) {
    std::perror("gpn_bench_time: fork");
    return 127;
  }
  if (child == 0) {
    const int null = ::open("/dev/null", O_WRONLY);
    if (null >= 0) {
      ::dup2(null, 1);
      ::dup2(null, 2);
    }
    ::execvp(argv[2], argv + 2);
    _exit(127);
  }
  int status = 0;
  rusage usage{};
  if (::wait4(child, &status, 0, &usage) != child) {
    std::perror("gpn_bench_time: wait4");
    return 127;
  }
  ::clock_gettime(CLOCK_MONOTONIC, &end);
  const double seconds =
      static_cast<double>(end.tv_sec - start.tv_sec) + static_cast<double>(end.tv_nsec - start.tv_nsec) / 1e9;
  std::FILE* out = std::fopen(argv[1], "w");
  if (!out || std::fprintf(out, "%.3f %ld\n", seconds, usage.ru_maxrss) < 0 || std::fclose(out) != 0) {
    std::fprintf(stderr, "gpn_bench_time: cannot write %s\n", argv[1]);
    return 127;
  }
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  return 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}
