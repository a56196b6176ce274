/** The Socket.IO Admin UI in a container: AdminUiIT and the handlers of its deployments. */
package io.socketeer.it.admin;
