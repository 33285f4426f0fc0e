// Errors a user can cause, carried as values: where (file, line, column) and what
// was expected versus found. Library functions return bool and fill an Error;
// nothing is thrown across the library's public interface.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace gpn {

struct Error {
  std::string file;        // empty when the error is not about a file
  std::size_t line = 0;    // 1-based; 0 = unknown
  std::size_t column = 0;  // 1-based; 0 = unknown
  std::string message;

  // "file:line:column: message", omitting the parts that are unknown.
  std::string str() const;
};

// Non-fatal findings (unanswered questions, unlabelled networks). They go to
// stderr and never change what is written to stdout or an output file.
struct Warnings {
  std::vector<Error> items;
  void add(std::string file, std::size_t line, std::string message) {
    items.push_back(Error{std::move(file), line, 0, std::move(message)});
  }
};

// Thrown only inside a loader to unwind a recursive parse; every public entry
// point catches it and returns the Error as a value.
struct ParseFailure {
  Error error;
};

}  // namespace gpn
