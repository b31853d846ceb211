# Install rules: the provcheck executable, the public headers, the stage
# libraries and provcheck::provcheck exported with a package config and a
# version file, so find_package(provcheck) works (tests/install proves it).
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(PROVCHECK_STAGES base text fingerprint index align rules scan report sign)
set(PROVCHECK_EXPORTED_TARGETS provcheck_lib)
foreach(stage IN LISTS PROVCHECK_STAGES)
  list(APPEND PROVCHECK_EXPORTED_TARGETS provcheck_${stage})
endforeach()
# Consumers link provcheck::provcheck; the stages stay provcheck::provcheck_<stage>.
set_target_properties(provcheck_lib PROPERTIES EXPORT_NAME provcheck)
set(PROVCHECK_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/provcheck)

install(TARGETS provcheck_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS ${PROVCHECK_EXPORTED_TARGETS} EXPORT provcheckTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
# Public headers only (the stages' own headers under src/ stay private), in
# include/, the stages' $<INSTALL_INTERFACE:include>.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/provcheck
  DESTINATION include FILES_MATCHING PATTERN "*.h")
install(FILES ${PROJECT_BINARY_DIR}/include/provcheck/version.h DESTINATION include/provcheck)
install(EXPORT provcheckTargets NAMESPACE provcheck:: DESTINATION ${PROVCHECK_CMAKE_DIR})

configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/provcheckConfig.cmake.in
  ${PROJECT_BINARY_DIR}/provcheckConfig.cmake INSTALL_DESTINATION ${PROVCHECK_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/provcheckConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_BINARY_DIR}/provcheckConfig.cmake
              ${PROJECT_BINARY_DIR}/provcheckConfigVersion.cmake
              ${PROJECT_SOURCE_DIR}/cmake/ProvcheckSystemLibraries.cmake
  DESTINATION ${PROVCHECK_CMAKE_DIR})

# The man page and the bash and zsh completions, generated from the built
# binary's --help text (cmake/help_to_docs.py), so they cannot drift.
find_package(Python3 REQUIRED COMPONENTS Interpreter)
set(PROVCHECK_GENERATED_DOCS ${PROJECT_BINARY_DIR}/generated-docs)
set(PROVCHECK_GENERATED_FILES ${PROVCHECK_GENERATED_DOCS}/provcheck.1
    ${PROVCHECK_GENERATED_DOCS}/provcheck.bash ${PROVCHECK_GENERATED_DOCS}/_provcheck)
add_custom_command(OUTPUT ${PROVCHECK_GENERATED_FILES}
  COMMAND Python3::Interpreter ${PROJECT_SOURCE_DIR}/cmake/help_to_docs.py
          $<TARGET_FILE:provcheck_cli> ${PROVCHECK_GENERATED_DOCS} ${PROJECT_VERSION}
  DEPENDS provcheck_cli ${PROJECT_SOURCE_DIR}/cmake/help_to_docs.py
  COMMENT "Man page and shell completions from provcheck --help")
add_custom_target(provcheck_docs ALL DEPENDS ${PROVCHECK_GENERATED_FILES})
install(FILES ${PROVCHECK_GENERATED_DOCS}/provcheck.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${PROVCHECK_GENERATED_DOCS}/provcheck.bash
  DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME provcheck)
install(FILES ${PROVCHECK_GENERATED_DOCS}/_provcheck
  DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/rules/ DESTINATION ${CMAKE_INSTALL_DATADIR}/provcheck/rules)
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${PROJECT_SOURCE_DIR}/CHANGELOG.md
              ${PROJECT_SOURCE_DIR}/LICENSE ${PROJECT_SOURCE_DIR}/NOTICE
  DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES ${PROJECT_SOURCE_DIR}/NOTICE DESTINATION ${CMAKE_INSTALL_DOCDIR} RENAME copyright)

# install/strip and CPack strip the executable; the static stage libraries
# lose their debug sections too (their symbols stay: they are linked against).
install(CODE "
  if(CMAKE_INSTALL_DO_STRIP)
    file(GLOB provcheck_archives
         \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_LIBDIR}/libprovcheck_*.a\")
    foreach(archive IN LISTS provcheck_archives)
      execute_process(COMMAND \"${CMAKE_STRIP}\" --strip-debug \"\${archive}\"
                      RESULT_VARIABLE provcheck_strip_rc)
      if(NOT provcheck_strip_rc EQUAL 0)
        message(FATAL_ERROR \"strip --strip-debug \${archive} failed\")
      endif()
    endforeach()
  endif()")

# A Debian package (cpack -G DEB, or `cmake --build build --target package`):
# the stripped binary, man page, completions, example rules and the CMake
# package; dependencies from dpkg-shlibdeps.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME provcheck)
set(CPACK_PACKAGE_VENDOR "provcheck")
set(CPACK_PACKAGE_CONTACT "provcheck maintainers <maintainers@provcheck.example>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "finds reused passages in news drafts, checks credits, signs reports")
set(CPACK_PACKAGE_HOMEPAGE_URL "https://github.com/newsroom/provcheck")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES TRUE)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION text)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "man-db")
include(CPack)
