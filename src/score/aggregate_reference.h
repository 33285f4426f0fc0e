// The aggregation's reference path, for the tests.
#pragma once
#include "gpn/scores.h"

namespace gpn {

// aggregate(t) on one thread with every rule taking the general path over
// (units x children) work arrays, including the weighted arithmetic mean,
// which aggregate sums unit by unit: the reference the tests hold that to.
void aggregate_by_arrays(ScoreTable* t);

}  // namespace gpn
