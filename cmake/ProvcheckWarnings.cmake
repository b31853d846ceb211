# provcheck_set_warnings(target): the warning flags every provcheck target uses.
function(provcheck_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow
                         -Wno-missing-field-initializers)
endfunction()
