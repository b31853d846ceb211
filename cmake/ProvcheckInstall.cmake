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
