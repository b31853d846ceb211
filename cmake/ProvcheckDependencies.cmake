# Finds every dependency as an imported target. Nothing is vendored; all of
# them are Debian packages installed by scripts/install-deps.
find_package(OpenSSL 3 REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(ICU 70 REQUIRED COMPONENTS uc i18n)
find_package(simdjson REQUIRED)
find_package(CLI11 REQUIRED)
find_package(Threads REQUIRED)
find_package(pugixml REQUIRED)
# xxHash, RE2, gumbo, zstd and the Snowball stemmers ship no CMake config;
# the installed package config finds them with the same code.
include(ProvcheckSystemLibraries)
provcheck_find_system_libraries(REQUIRED)
