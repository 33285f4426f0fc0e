// The blank questionnaire: the long answers format (network, period, question,
// answer, comment) followed by columns that help whoever fills it in. The
// answers reader ignores the helper columns, so a filled copy scores as is.
#include "text/csv.h"
#include "gpn/writers.h"

namespace gpn {

std::string write_questionnaire_csv(const Methodology& m, const std::string& network) {
  std::string out = "network,period,question,answer,comment,dimension,indicator,type,allowed,text,help\n";
  for (std::size_t qi : m.question_nodes()) {
    const Node& n = m.nodes[qi];
    const Question& q = *n.question;
    const Node* dim = m.dimension_of(qi);
    const Node& parent = m.nodes[*n.parent];
    out += csv_text(network) + ",," + n.id + ",,," + csv_text(dim ? dim->name : "") + ',' + csv_text(parent.name) +
           ',' + to_string(q.type) + ',' + csv_text(q.allowed_answers()) + ',' + csv_text(q.text) + ',' +
           csv_text(q.help) + '\n';
  }
  return out;
}

}  // namespace gpn
