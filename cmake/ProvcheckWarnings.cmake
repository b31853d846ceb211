# provcheck_set_warnings(target): the warning flags every provcheck target uses.
function(provcheck_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow
                         -Wno-missing-field-initializers)
  # Clang checks the GUARDED_BY / REQUIRES annotations (base/thread_annotations.h).
  if(CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    target_compile_options(${target} PRIVATE -Wthread-safety)
  endif()
endfunction()
