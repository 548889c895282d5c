# chorus_raw_literal(TEXT DELIMITER LABEL OUT): sets OUT to TEXT spelled as
# C++ raw string literals R"DELIMITER(...)DELIMITER", split every 60000 bytes
# (GCC accepts longer ones; this stays far from any compiler's limit), or ""
# for empty TEXT. Fails naming LABEL when TEXT holds the closing delimiter.
function(chorus_raw_literal text delimiter label out)
  string(FIND "${text}" ")${delimiter}\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${label} contains the raw-string delimiter )${delimiter}\"")
  endif()
  string(LENGTH "${text}" n)
  set(result "")
  set(pos 0)
  while(pos LESS n)
    string(SUBSTRING "${text}" ${pos} 60000 part)
    string(APPEND result "R\"${delimiter}(${part})${delimiter}\"\n")
    math(EXPR pos "${pos} + 60000")
  endwhile()
  if(result STREQUAL "")
    set(result "\"\"")
  endif()
  set(${out} "${result}" PARENT_SCOPE)
endfunction()
