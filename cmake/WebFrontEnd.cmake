# The web/ front end: `npm run build` (Vite) writes report.js, report.css,
# coop.js, coop.css and index.html into the build tree, and
# cmake/EmbedWebAssets.cmake turns them into C++:
#   CHORUS_WEB_ASSETS_CPP  the report page's JS and CSS, compiled into report/
#   chorus_web_coop        an INTERFACE library whose include directory holds
#                          the generated "web/coop_assets.h" (chorus::web::kCoopHtml,
#                          kCoopJs, kCoopCss) for `chorus serve`: link it and
#                          include the header where / , /coop.js, /coop.css are served.
# node_modules comes from `npm ci` (scripts/install-deps.sh); nothing is fetched here.
find_program(CHORUS_NPM npm REQUIRED)
set(CHORUS_WEB_DIR ${CMAKE_CURRENT_SOURCE_DIR}/web)
set(CHORUS_WEB_OUT ${CMAKE_CURRENT_BINARY_DIR}/web)
file(GLOB_RECURSE CHORUS_WEB_SOURCES CONFIGURE_DEPENDS
  ${CHORUS_WEB_DIR}/src/*.ts ${CHORUS_WEB_DIR}/src/*.css)
set(CHORUS_WEB_CONFIG ${CHORUS_WEB_DIR}/package.json ${CHORUS_WEB_DIR}/package-lock.json
  ${CHORUS_WEB_DIR}/tsconfig.json ${CHORUS_WEB_DIR}/coop.html)
file(GLOB CHORUS_WEB_VITE_CONFIG ${CHORUS_WEB_DIR}/vite.config.*)
set(CHORUS_WEB_BUNDLE
  ${CHORUS_WEB_OUT}/report.js ${CHORUS_WEB_OUT}/report.css
  ${CHORUS_WEB_OUT}/coop.js ${CHORUS_WEB_OUT}/coop.css ${CHORUS_WEB_OUT}/index.html)
add_custom_command(
  OUTPUT ${CHORUS_WEB_BUNDLE}
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
          ${CMAKE_CURRENT_SOURCE_DIR}/cmake/EmbedWebAssets.cmake ${CMAKE_CURRENT_SOURCE_DIR}/cmake/RawLiteral.cmake
  COMMENT "Embedding the web front end (report)"
  VERBATIM)

set(CHORUS_WEB_COOP_INCLUDE ${CMAKE_CURRENT_BINARY_DIR}/generated/coop)
set(CHORUS_WEB_COOP_HEADER ${CHORUS_WEB_COOP_INCLUDE}/web/coop_assets.h)
add_custom_command(
  OUTPUT ${CHORUS_WEB_COOP_HEADER}
  COMMAND ${CMAKE_COMMAND} -DCOOP_HTML=${CHORUS_WEB_OUT}/index.html -DCOOP_JS=${CHORUS_WEB_OUT}/coop.js
          -DCOOP_CSS=${CHORUS_WEB_OUT}/coop.css -DCOOP_HEADER=${CHORUS_WEB_COOP_HEADER}
          -P ${CMAKE_CURRENT_SOURCE_DIR}/cmake/EmbedWebAssets.cmake
  DEPENDS ${CHORUS_WEB_OUT}/index.html ${CHORUS_WEB_OUT}/coop.js ${CHORUS_WEB_OUT}/coop.css
          ${CMAKE_CURRENT_SOURCE_DIR}/cmake/EmbedWebAssets.cmake ${CMAKE_CURRENT_SOURCE_DIR}/cmake/RawLiteral.cmake
  COMMENT "Embedding the web front end (co-op UI)"
  VERBATIM)
add_custom_target(chorus_web_coop_header DEPENDS ${CHORUS_WEB_COOP_HEADER})
add_library(chorus_web_coop INTERFACE)
target_include_directories(chorus_web_coop INTERFACE ${CHORUS_WEB_COOP_INCLUDE})
add_dependencies(chorus_web_coop chorus_web_coop_header)
