import pkg from '../../package.json';

/** The harness version as package.json states it (bundled in at build time). */
export const HARNESS_VERSION: string = pkg.version;

/** The product name shown to people. */
export const PRODUCT_NAME: string = pkg.productName;
