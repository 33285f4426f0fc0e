// The two libraries only `gpn report` needs, loaded when it first asks for
// them (dlopen) instead of at every start: libcrypto for the inputs' SHA-256
// checksums and libxlsxwriter for the workbook.
//
// Why: linked in, they cost every command about 3 ms of start-up on the
// benchmark machine (loading, relocating and first touching two more large
// libraries; docs/performance.md), a fifth of what `gpn validate` takes. The
// functions keep their own declarations (decltype of the libraries' headers),
// so a mismatch is a compile error, not a crash.
#pragma once
#include <openssl/evp.h>
#include <xlsxwriter.h>

#include <string>

namespace gpn {

struct CryptoLib {
  decltype(&::EVP_MD_CTX_new) MD_CTX_new;
  decltype(&::EVP_MD_CTX_free) MD_CTX_free;
  decltype(&EVP_sha256) sha256;
  decltype(&::EVP_DigestInit_ex) DigestInit_ex;
  decltype(&::EVP_DigestUpdate) DigestUpdate;
  decltype(&::EVP_DigestFinal_ex) DigestFinal_ex;
};

struct XlsxLib {
  decltype(&::workbook_new) workbook_new;
  decltype(&::workbook_add_worksheet) workbook_add_worksheet;
  decltype(&::workbook_add_format) workbook_add_format;
  decltype(&::workbook_set_properties) workbook_set_properties;
  decltype(&::workbook_close) workbook_close;
  decltype(&::format_set_bold) format_set_bold;
  decltype(&::worksheet_write_string) worksheet_write_string;
  decltype(&::worksheet_write_number) worksheet_write_number;
  decltype(&::worksheet_set_column) worksheet_set_column;
  decltype(&::worksheet_freeze_panes) worksheet_freeze_panes;
  decltype(&::lxw_strerror) strerror;
};

// The library's functions, loaded on the first call (thread-safe); nullptr if
// it cannot be loaded, with the loader's reason in `why`.
const CryptoLib* crypto_lib(std::string* why);
const XlsxLib* xlsx_lib(std::string* why);

}  // namespace gpn
