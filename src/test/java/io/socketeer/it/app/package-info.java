/**
 * A second application, as a user writes one: its own handler bean, service bean and servlet, and
 * Socketeer as nothing but the library jar in {@code WEB-INF/lib} ({@link LibraryAppIT}). Only the
 * public API ({@code io.socketeer.api}, {@code io.socketeer.cdi} qualifiers) is used here.
 */
package io.socketeer.it.app;
