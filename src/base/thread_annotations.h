// Clang's thread-safety annotations (-Wthread-safety), as LevelDB's
// port/thread_annotations.h spells them; empty on other compilers.
// https://clang.llvm.org/docs/ThreadSafetyAnalysis.html
#ifndef PROVCHECK_SRC_BASE_THREAD_ANNOTATIONS_H_
#define PROVCHECK_SRC_BASE_THREAD_ANNOTATIONS_H_

#if defined(__clang__)
#define PROVCHECK_THREAD_ANNOTATION(x) __attribute__((x))
#else
#define PROVCHECK_THREAD_ANNOTATION(x)
#endif

#define CAPABILITY(x) PROVCHECK_THREAD_ANNOTATION(capability(x))
#define SCOPED_CAPABILITY PROVCHECK_THREAD_ANNOTATION(scoped_lockable)
#define GUARDED_BY(x) PROVCHECK_THREAD_ANNOTATION(guarded_by(x))
#define PT_GUARDED_BY(x) PROVCHECK_THREAD_ANNOTATION(pt_guarded_by(x))
#define REQUIRES(...) PROVCHECK_THREAD_ANNOTATION(requires_capability(__VA_ARGS__))
#define EXCLUDES(...) PROVCHECK_THREAD_ANNOTATION(locks_excluded(__VA_ARGS__))
#define ACQUIRE(...) PROVCHECK_THREAD_ANNOTATION(acquire_capability(__VA_ARGS__))
#define RELEASE(...) PROVCHECK_THREAD_ANNOTATION(release_capability(__VA_ARGS__))
#define NO_THREAD_SAFETY_ANALYSIS PROVCHECK_THREAD_ANNOTATION(no_thread_safety_analysis)

#endif  // PROVCHECK_SRC_BASE_THREAD_ANNOTATIONS_H_
