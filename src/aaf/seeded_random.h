#pragma once
// Deterministic draws for the feed generator: every entity (a pupil, a family, a structure)
// has its own stream, derived from the seed, a stream kind and its index, so any record can
// be built again on its own, in any order, with the same bytes.

#include <cstdint>

namespace sdetcheck::aafgen {

// SplitMix64 (Steele, Lea, Flood 2014): small, fast, statistically good enough here.
inline uint64_t MixBits(uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

class SeededRandom {
 public:
  SeededRandom(uint64_t seed, uint64_t kind, uint64_t index)
      : state_(MixBits(MixBits(MixBits(seed) ^ kind) ^ index)) {}

  uint64_t Next() {
    state_ += 0x9E3779B97F4A7C15ULL;
    return MixBits(state_);
  }
  // Uniform in [0, n), n > 0 (the modulo bias is negligible for the small n used here).
  uint64_t Below(uint64_t n) { return Next() % n; }
  // True with probability percent/100.
  bool Percent(unsigned percent) { return Below(100) < percent; }

 private:
  uint64_t state_;
};

// Stream kinds: one per kind of entity, so their draws never overlap.
enum StreamKind : uint64_t {
  kStreamFamily = 1,
  kStreamPupil,
  kStreamRelative,
  kStreamStaff,
  kStreamStructure,
  kStreamLayout,
  kStreamFaults,
  kStreamDelta,
};

}  // namespace sdetcheck::aafgen
