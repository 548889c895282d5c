# The web/ front end: `npm run build` (Vite) writes report.js and report.css
# into the build tree, and cmake/EmbedWebAssets.cmake turns them into a C++
# source (CHORUS_WEB_ASSETS_CPP) that report/ compiles in, so the chorus
# binary carries its own report page. node_modules comes from `npm ci`
# (scripts/install-deps.sh); nothing is fetched here.
find_program(CHORUS_NPM npm REQUIRED)
set(CHORUS_WEB_DIR ${CMAKE_CURRENT_SOURCE_DIR}/web)
set(CHORUS_WEB_OUT ${CMAKE_CURRENT_BINARY_DIR}/web)
file(GLOB_RECURSE CHORUS_WEB_SOURCES CONFIGURE_DEPENDS
  ${CHORUS_WEB_DIR}/src/*.ts ${CHORUS_WEB_DIR}/src/*.css)
set(CHORUS_WEB_CONFIG ${CHORUS_WEB_DIR}/package.json ${CHORUS_WEB_DIR}/package-lock.json
  ${CHORUS_WEB_DIR}/tsconfig.json)
file(GLOB CHORUS_WEB_VITE_CONFIG ${CHORUS_WEB_DIR}/vite.config.*)
add_custom_command(
  OUTPUT ${CHORUS_WEB_OUT}/report.js ${CHORUS_WEB_OUT}/report.css
  COMMAND ${CMAKE_COMMAND} -E env CHORUS_WEB_OUT=${CHORUS_WEB_OUT} ${CHORUS_NPM} run --silent build
  WORKING_DIRECTORY ${CHORUS_WEB_DIR}
  DEPENDS ${CHORUS_WEB_SOURCES} ${CHORUS_WEB_CONFIG} ${CHORUS_WEB_VITE_CONFIG}
          ${CHORUS_WEB_DIR}/scripts/check-bundle.mjs
  COMMENT "Building the web front end (npm run build)"
  VERBATIM)
set(CHORUS_WEB_ASSETS_CPP ${CMAKE_CURRENT_BINARY_DIR}/generated/web_assets.cpp)
add_custom_command(
  OUTPUT ${CHORUS_WEB_ASSETS_CPP}
  COMMAND ${CMAKE_COMMAND} -DJS=${CHORUS_WEB_OUT}/report.js -DCSS=${CHORUS_WEB_OUT}/report.css
          -DOUT=${CHORUS_WEB_ASSETS_CPP} -P ${CMAKE_CURRENT_SOURCE_DIR}/cmake/EmbedWebAssets.cmake
  DEPENDS ${CHORUS_WEB_OUT}/report.js ${CHORUS_WEB_OUT}/report.css
          ${CMAKE_CURRENT_SOURCE_DIR}/cmake/EmbedWebAssets.cmake
  COMMENT "Embedding the web front end"
  VERBATIM)
