# Writes OUTPUT, a C++ file holding every migrations/NNNN_name.sql as text,
# so the binary carries its schema and cannot run against the wrong files.
file(GLOB migration_files "${MIGRATIONS_DIR}/[0-9][0-9][0-9][0-9]_*.sql")
list(SORT migration_files)
set(entries "")
foreach(path IN LISTS migration_files)
  get_filename_component(name "${path}" NAME_WE)
  string(SUBSTRING "${name}" 0 4 version)
  math(EXPR version "${version}")
  file(READ "${path}" sql)
  string(APPEND entries "      {${version}, \"${name}\", R\"consilium_sql(${sql})consilium_sql\"},\n")
endforeach()
file(WRITE "${OUTPUT}.tmp" "// Generated from migrations/ by cmake/embed_migrations.cmake. Do not edit.
#include \"platform/db/migrate.hpp\"

namespace consilium::db {

const std::vector<Migration>& EmbeddedMigrations() {
  static const std::vector<Migration> migrations = {
${entries}  };
  return migrations;
}

}  // namespace consilium::db
")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different "${OUTPUT}.tmp" "${OUTPUT}")
