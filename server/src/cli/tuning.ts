// V8 settings for a command-line run. An archive run is short and starts cold in every thread:
// each worker is a V8 isolate of its own and compiles the whole analysis again, so what the run
// pays for optimising compilation is paid once per thread. The language server, one long-lived
// isolate judged on keystrokes after warm-up, keeps V8's defaults.
import * as v8 from 'node:v8';

/**
 * The flags, both about V8's warm-up, which a CLI run pays in every thread.
 *
 * TurboFan's inlining budgets, lowered from V8's defaults (460 bytecodes for one callee, 920 in
 * all per function). With the defaults TurboFan spent ~1.5 s per thread on the 5 MB archive
 * (unpinned; up to 2.9 s sharing one core), more than the analysis itself once optimised,
 * mostly on a few rule functions that inline the dictionary and the language model whole
 * (lookalikeCandidates: ~55 ms per compilation); with these budgets ~0.75 s. The segmenter's
 * hot probe calls the hash table directly, so it does not depend on being inlined.
 *
 * Allocation-site pretenuring off: V8 watches how many objects of each allocation site survive
 * a scavenge and, past a threshold, allocates that site's objects in the old generation from then
 * on, throwing away the optimised code that allocates them. An archive run's objects live for one
 * page; the page model's arrays survive a scavenge or two while their page is analysed, enough to
 * flip sites back and forth. Off, a one-thread run of the 5 MB archive has 2 code-dependency
 * deoptimisations instead of 13 (199 TurboFan compilations instead of 211); its time, set here
 * at run time, moved within the machine's noise (-1-2% over 6 runs).
 */
export const CLI_V8_FLAGS = ['--max-inlined-bytecode-size=100', '--max-inlined-bytecode-size-cumulative=200', '--no-allocation-site-pretenuring'];

/**
 * V8 majors known to have these flags: they exist from V8 7 (Node 12) through V8 13 (Node 24).
 * V8 prints "unrecognized flag" for one it lacks, so a later V8 is left alone until checked
 * (test/cli/tuning.test.ts fails on a Node whose V8 dropped them).
 */
const KNOWN_V8 = { min: 7, max: 13 };

/** Sets the flags for this process and its worker threads (V8 flags are process-wide). */
export function tuneForBatch(v8Version = process.versions.v8): boolean {
  const major = Number(v8Version.split('.')[0]);
  if (!(major >= KNOWN_V8.min && major <= KNOWN_V8.max)) return false;
  v8.setFlagsFromString(CLI_V8_FLAGS.join(' '));
  return true;
}
