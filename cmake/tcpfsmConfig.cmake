# tcpfsmConfig.cmake: find_package(tcpfsm) after `make install` or
# `cmake --install`. Both lay out PREFIX/include/tcpfsm.h,
# PREFIX/lib/libtcpfsm.a and PREFIX/lib/cmake/tcpfsm/ (this file), so the
# prefix is found from where this file sits: the install is relocatable.
get_filename_component(_tcpfsm_prefix "${CMAKE_CURRENT_LIST_DIR}/../../.." ABSOLUTE)

if(NOT TARGET tcpfsm::tcpfsm)
  find_library(TCPFSM_LIBRARY NAMES tcpfsm PATHS "${_tcpfsm_prefix}/lib" NO_DEFAULT_PATH)
  find_path(TCPFSM_INCLUDE_DIR tcpfsm.h PATHS "${_tcpfsm_prefix}/include" NO_DEFAULT_PATH)
  if(TCPFSM_LIBRARY AND TCPFSM_INCLUDE_DIR)
    add_library(tcpfsm::tcpfsm STATIC IMPORTED)
    set_target_properties(tcpfsm::tcpfsm PROPERTIES
      IMPORTED_LOCATION "${TCPFSM_LIBRARY}"
      INTERFACE_INCLUDE_DIRECTORIES "${TCPFSM_INCLUDE_DIR}")
    set(tcpfsm_FOUND TRUE)
  else()
    set(tcpfsm_FOUND FALSE)
    set(tcpfsm_NOT_FOUND_MESSAGE "libtcpfsm or tcpfsm.h missing under ${_tcpfsm_prefix}")
  endif()
endif()
unset(_tcpfsm_prefix)
