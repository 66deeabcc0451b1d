import { effectiveAccessSuite } from "./effectiveAccessSuite";

effectiveAccessSuite("production");
