#include "sys/loaded_libs.h"

#include <dlfcn.h>

namespace gpn {
namespace {

void* open_library(const char* soname, std::string* why) {
  void* lib = ::dlopen(soname, RTLD_NOW | RTLD_LOCAL);
  if (!lib) {
    const char* e = ::dlerror();
    *why = std::string("cannot load ") + soname + ": " + (e ? e : "unknown error");
  }
  return lib;
}

// One function of a loaded library, by name (POSIX defines the conversion of
// dlsym's pointer to a function pointer).
template <class Function>
bool find(void* lib, const char* soname, const char* name, Function* f, std::string* why) {
  void* p = ::dlsym(lib, name);
  if (!p) *why = std::string(soname) + " has no function " + name;
  *f = reinterpret_cast<Function>(p);
  return p != nullptr;
}

template <class Table>
struct Loaded {
  Table table{};
  bool ok = false;
  std::string why;
  const Table* get(std::string* reason) const {
    if (!ok) *reason = why;
    return ok ? &table : nullptr;
  }
};

}  // namespace

const CryptoLib* crypto_lib(std::string* why) {
  static const Loaded<CryptoLib> lib = [] {
    Loaded<CryptoLib> l;
    const char* so = GPN_LIBCRYPTO_SONAME;
    void* h = open_library(so, &l.why);
    CryptoLib& t = l.table;
    l.ok = h && find(h, so, "EVP_MD_CTX_new", &t.MD_CTX_new, &l.why) && find(h, so, "EVP_MD_CTX_free", &t.MD_CTX_free, &l.why) &&
           find(h, so, "EVP_sha256", &t.sha256, &l.why) && find(h, so, "EVP_DigestInit_ex", &t.DigestInit_ex, &l.why) &&
           find(h, so, "EVP_DigestUpdate", &t.DigestUpdate, &l.why) &&
           find(h, so, "EVP_DigestFinal_ex", &t.DigestFinal_ex, &l.why);
    return l;
  }();
  return lib.get(why);
}

const XlsxLib* xlsx_lib(std::string* why) {
  static const Loaded<XlsxLib> lib = [] {
    Loaded<XlsxLib> l;
    const char* so = GPN_LIBXLSXWRITER_SONAME;
    void* h = open_library(so, &l.why);
    XlsxLib& t = l.table;
    l.ok = h && find(h, so, "workbook_new", &t.workbook_new, &l.why) &&
           find(h, so, "workbook_add_worksheet", &t.workbook_add_worksheet, &l.why) &&
           find(h, so, "workbook_add_format", &t.workbook_add_format, &l.why) &&
           find(h, so, "workbook_set_properties", &t.workbook_set_properties, &l.why) &&
           find(h, so, "workbook_close", &t.workbook_close, &l.why) && find(h, so, "format_set_bold", &t.format_set_bold, &l.why) &&
           find(h, so, "worksheet_write_string", &t.worksheet_write_string, &l.why) &&
           find(h, so, "worksheet_write_number", &t.worksheet_write_number, &l.why) &&
           find(h, so, "worksheet_set_column", &t.worksheet_set_column, &l.why) &&
           find(h, so, "worksheet_freeze_panes", &t.worksheet_freeze_panes, &l.why) &&
           find(h, so, "lxw_strerror", &t.strerror, &l.why);
    return l;
  }();
  return lib.get(why);
}

}  // namespace gpn
