/** Redis cache-aside of provider answers (positive and negative) and in-process single-flight of identical lookups. */
package io.songnodes.enrich.cache;
