# provcheck_find_system_libraries(REQUIRED|QUIET): the dependencies that ship
# no CMake config, as imported targets: PkgConfig::XXHASH, PkgConfig::RE2,
# PkgConfig::GUMBO, PkgConfig::ZSTD, PkgConfig::LIBZIP, PkgConfig::LIBPQ (pkg-config) and
# Stemmer::Stemmer (by
# hand: libstemmer-dev has neither CMake nor pkg-config files). The build
# (ProvcheckDependencies.cmake) and the installed provcheckConfig.cmake both
# call it, so a consumer finds them the same way. Sets
# PROVCHECK_SYSTEM_LIBRARIES_FOUND and PROVCHECK_SYSTEM_LIBRARIES_MISSING.
macro(provcheck_find_system_libraries mode)
  find_package(PkgConfig ${mode})
  set(PROVCHECK_SYSTEM_LIBRARIES_MISSING "")
  if(PkgConfig_FOUND)
    pkg_check_modules(XXHASH ${mode} IMPORTED_TARGET libxxhash)
    pkg_check_modules(RE2 ${mode} IMPORTED_TARGET re2)
    pkg_check_modules(GUMBO ${mode} IMPORTED_TARGET gumbo)
    pkg_check_modules(ZSTD ${mode} IMPORTED_TARGET libzstd)
    pkg_check_modules(LIBZIP ${mode} IMPORTED_TARGET libzip)
    pkg_check_modules(LIBPQ ${mode} IMPORTED_TARGET libpq)
  endif()
  foreach(_provcheck_pkg IN ITEMS XXHASH RE2 GUMBO ZSTD LIBZIP LIBPQ)
    if(NOT TARGET PkgConfig::${_provcheck_pkg})
      list(APPEND PROVCHECK_SYSTEM_LIBRARIES_MISSING ${_provcheck_pkg})
    endif()
  endforeach()

  if(NOT TARGET Stemmer::Stemmer)
    if("${mode}" STREQUAL "REQUIRED")
      find_path(STEMMER_INCLUDE_DIR libstemmer.h REQUIRED)
      find_library(STEMMER_LIBRARY stemmer REQUIRED)
    else()
      find_path(STEMMER_INCLUDE_DIR libstemmer.h)
      find_library(STEMMER_LIBRARY stemmer)
    endif()
    if(STEMMER_INCLUDE_DIR AND STEMMER_LIBRARY)
      add_library(Stemmer::Stemmer UNKNOWN IMPORTED)
      set_target_properties(Stemmer::Stemmer PROPERTIES
        IMPORTED_LOCATION "${STEMMER_LIBRARY}"
        INTERFACE_INCLUDE_DIRECTORIES "${STEMMER_INCLUDE_DIR}")
    else()
      list(APPEND PROVCHECK_SYSTEM_LIBRARIES_MISSING Stemmer)
    endif()
  endif()

  if(PROVCHECK_SYSTEM_LIBRARIES_MISSING)
    set(PROVCHECK_SYSTEM_LIBRARIES_FOUND FALSE)
  else()
    set(PROVCHECK_SYSTEM_LIBRARIES_FOUND TRUE)
  endif()
endmacro()
