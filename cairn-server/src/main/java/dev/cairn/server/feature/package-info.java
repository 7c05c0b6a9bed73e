/**
 * The plug-in interface of the platform: a {@link dev.cairn.server.feature.Feature} contributes migrations, services,
 * routes with roles, navigation entries, background jobs and an account-purge hook. The platform never imports a feature.
 */
package dev.cairn.server.feature;
