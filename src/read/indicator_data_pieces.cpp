// A large indicator table read in pieces of whole lines through a small buffer
// per half, instead of through the whole file mapped in.
//
// Why: on the benchmark's virtual machine (docs/performance.md) the first read
// of each page of a new mapping costs about 2 us, even after MAP_POPULATE and
// for pages already cached, and the hypervisor serialises it: 17 to 20 ms for
// the 37 MB benchmark file, and unmapping it 8 ms more. Copying the same file
// through a 256 KiB buffer that stays in the cache takes about 8 ms. The file is
// read twice: first to check its bytes and count its rows (so the value matrix
// is allocated once and the second half knows its first row), then to read the
// rows, both halves at once.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <memory>
#include <thread>

#include "text/csv.h"
#include "gpn/indicator_data.h"
#include "sys/input_file.h"
#include "sys/memory.h"
#include "text/text.h"
#include "read/indicator_data_rows.h"

namespace gpn {
namespace {

using namespace indicator_rows;

// 16 rather than 8: when one core is held up (the host's other guests), the
// other is left alone with at most one short stretch at the end of a reading
// (alternating medians of 15 runs: 3-8 ms less in three rounds of four).
constexpr std::size_t kStretches = 16;

// Hands over a byte range of a file in pieces of whole lines (the last piece
// of the file may end without a line feed), read through one buffer that is
// reused; a line longer than the buffer grows it.
class LinePieces {
 public:
  LinePieces(const ReadAt& read_at, std::vector<char>& buffer, std::size_t from, std::size_t to)
      : read_at_(read_at), buffer_(buffer), next_read_(from), to_(to), offset_(from) {}

  // The next piece; false at the end of the range, or when a read came up short.
  bool next(std::string_view* piece) {
    offset_ += given_;
    held_ -= given_;
    std::memmove(buffer_.data(), buffer_.data() + given_, held_);
    given_ = 0;
    if (held_ == 0 && next_read_ >= to_) return false;
    for (;;) {
      const std::size_t want = std::min(buffer_.size() - held_, to_ - next_read_);
      if (want > 0) {
        const std::size_t got = read_at_(buffer_.data() + held_, want, next_read_);
        held_ += got;
        next_read_ += got;
        if (got != want) {
          short_read_ = true;
          return false;
        }
      }
      if (next_read_ >= to_) {
        given_ = held_;
        break;
      }
      if (const void* lf = ::memrchr(buffer_.data(), '\n', held_)) {
        given_ = static_cast<std::size_t>(static_cast<const char*>(lf) - buffer_.data()) + 1;
        break;
      }
      buffer_.resize(2 * buffer_.size());
    }
    *piece = std::string_view(buffer_.data(), given_);
    return true;
  }
  // The file offset of the piece last handed over.
  std::size_t offset() const { return offset_; }
  bool short_read() const { return short_read_; }

 private:
  const ReadAt& read_at_;
  std::vector<char>& buffer_;
  std::size_t next_read_, to_, offset_;
  std::size_t held_ = 0, given_ = 0;
  bool short_read_ = false;
};

// The offset just past the first line feed at or after `from`, or `size`.
std::optional<std::size_t> after_line_feed(const ReadAt& read_at, std::size_t from, std::size_t size) {
  char window[16 << 10];
  for (std::size_t at = from; at < size;) {
    const std::size_t want = std::min(sizeof window, size - at);
    if (read_at(window, want, at) != want) return std::nullopt;
    if (const void* lf = std::memchr(window, '\n', want))
      return at + static_cast<std::size_t>(static_cast<const char*>(lf) - window) + 1;
    at += want;
  }
  return size;
}

// The first reading of a stretch: its bytes checked, its rows (from `body` on)
// surveyed. Not clean: a NUL byte, invalid UTF-8, a quote or a lone CR.
struct Scan {
  Survey survey;
  bool clean = true, whole = true;
};
Scan scan(const ReadAt& read_at, std::vector<char>& buffer, std::size_t from, std::size_t to, std::size_t body) {
  Scan s;
  LinePieces pieces(read_at, buffer, from, to);
  std::string_view piece;
  while (pieces.next(&piece)) {
    if (piece.find('\0') != std::string_view::npos || invalid_utf8_at(piece)) {
      s.clean = false;
      return s;
    }
    const std::size_t skip = pieces.offset() < body ? std::min(body - pieces.offset(), piece.size()) : 0;
    s.survey += survey_lines(piece.substr(skip));
    if (s.survey.quote || s.survey.lone_cr > 0) {
      s.clean = false;
      return s;
    }
  }
  s.whole = !pieces.short_read();
  return s;
}

}  // namespace

std::optional<bool> read_indicator_data_in_pieces(const ReadAt& read_at, std::size_t size, const std::string& name,
                                                  const Methodology& m, IndicatorData* out, Error* err,
                                                  const PieceOptions& options) {
  *err = Error{};
  // The header, from the file's first bytes; it must end there.
  std::string sample(std::min(size, options.sample_bytes), '\0');
  if (sample.empty() || read_at(sample.data(), sample.size(), 0) != sample.size()) return std::nullopt;
  if (sample.find_first_not_of(" \t\r\n") == std::string::npos) return std::nullopt;
  IndicatorData d;
  TableHeader h;
  Error header_err;  // not reported from here: the whole text is read, checked first, and words it
  if (!read_header(sample, name, m, options.layout, &d, &h, &header_err)) return std::nullopt;
  if (h.body >= sample.size() && sample.size() < size) return std::nullopt;

  // Stretches of about equal size, cut after line feeds, which the two cores
  // take in turn: whichever is free takes the next, so neither waits for the
  // other at the end of a reading.
  std::vector<char> buffers[2] = {std::vector<char>(std::max<std::size_t>(options.piece_bytes, 1)),
                                  std::vector<char>(std::max<std::size_t>(options.piece_bytes, 1))};
  std::vector<std::size_t> cuts = {0};
  for (std::size_t k = 1; k < kStretches; ++k) {
    const auto cut = after_line_feed(read_at, h.body + (size - h.body) / kStretches * k, size);
    if (!cut) return std::nullopt;
    if (*cut > cuts.back() && *cut < size) cuts.push_back(*cut);
  }
  cuts.push_back(size);
  const std::size_t stretches = cuts.size() - 1;
  const bool two_cores = std::thread::hardware_concurrency() > 1;
  auto on_both_cores = [&](const std::function<void(int core)>& work, const std::function<void()>& first_on_second = {}) {
    if (!two_cores) return work(0);
    std::thread helper([&] {
      if (first_on_second) first_on_second();
      work(1);
    });
    work(0);
    helper.join();
  };

  // First reading. The table's memory, estimated from the sample, is mapped in
  // on the second core meanwhile, which then joins in.
  const std::size_t ahead = two_cores ? estimated_table_bytes(sample, size, m, options.layout) : 0;
  std::unique_ptr<void, void (*)(void*)> block(ahead ? std::malloc(ahead) : nullptr, &std::free);
  std::vector<Scan> scans(stretches);
  std::atomic<std::size_t> next{0};
  on_both_cores(
      [&](int core) {
        for (std::size_t i; (i = next++) < stretches;) scans[i] = scan(read_at, buffers[core], cuts[i], cuts[i + 1], h.body);
      },
      [&] {
        if (block) prefault(block.get(), ahead, true);
      });
  block.reset();
  std::size_t capacity = 0;
  for (const Scan& s : scans) {
    if (!s.clean || !s.whole) return std::nullopt;
    capacity += s.survey.rows;
  }

  // Second reading: the rows, each stretch into its own range of the table.
  TableRows table;
  table.allocate(capacity, m, d, h.extra_of.size());
  const RowReader rows{name, h, table};
  std::vector<RowPart> parts(stretches);
  std::vector<std::size_t> counted(stretches);
  for (std::size_t i = 0; i < stretches; ++i) {
    counted[i] = scans[i].survey.rows;
    parts[i].line = i == 0 ? h.body_line : parts[i - 1].line + scans[i - 1].survey.line_feeds;
    parts[i].first_row = i == 0 ? 0 : parts[i - 1].first_row + counted[i - 1];
  }
  std::vector<char> whole(stretches, 1);
  next = 0;
  on_both_cores([&](int core) {
    for (std::size_t i; (i = next++) < stretches;) {
      LinePieces pieces(read_at, buffers[core], i == 0 ? h.body : cuts[i], cuts[i + 1]);
      std::string_view piece;
      while (!parts[i].failed && pieces.next(&piece)) rows.read(piece, &parts[i]);
      whole[i] = !pieces.short_read();
    }
  });
  // The file changed between the readings: read it again, whole.
  for (const char w : whole)
    if (!w) return std::nullopt;
  return finish_table(name, parts, counted, table, d, out, err);
}

namespace indicator_rows {

std::optional<bool> read_indicator_file_in_pieces(const std::string& path, const Methodology& m, IndicatorData* out,
                                                  Error* err, ValueLayout layout) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  struct Closed {
    int fd;
    ~Closed() { ::close(fd); }
  } closed{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  const auto size = static_cast<std::size_t>(st.st_size);
  if (size <= kSplitAboveBytes || size > kMaxInputBytes) return std::nullopt;
  const ReadAt read_at = [fd](char* to, std::size_t bytes, std::size_t offset) {
    std::size_t done = 0;
    while (done < bytes) {
      const ssize_t n = ::pread(fd, to + done, bytes - done, static_cast<off_t>(offset + done));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      done += static_cast<std::size_t>(n);
    }
    return done;
  };
  PieceOptions options;
  options.layout = layout;
  return read_indicator_data_in_pieces(read_at, size, path, m, out, err, options);
}

}  // namespace indicator_rows
}  // namespace gpn
