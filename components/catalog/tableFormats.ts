/** Hive input/output formats and SerDe of each table format a manifest can declare. */
import type { TableProduct } from "../manifest";

type TableFormat = TableProduct["storage"]["format"];

export interface HiveStorageFormat {
  readonly inputFormat: string;
  readonly outputFormat: string;
  readonly serializationLibrary: string;
  readonly serdeParameters: Record<string, string>;
}

const TEXT_INPUT = "org.apache.hadoop.mapred.TextInputFormat";
const TEXT_OUTPUT = "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat";

export const HIVE_STORAGE_FORMATS: Record<TableFormat, HiveStorageFormat> = {
  parquet: {
    inputFormat: "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
    outputFormat: "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
    serializationLibrary: "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe",
    serdeParameters: { "serialization.format": "1" },
  },
  avro: {
    inputFormat: "org.apache.hadoop.hive.ql.io.avro.AvroContainerInputFormat",
    outputFormat: "org.apache.hadoop.hive.ql.io.avro.AvroContainerOutputFormat",
    serializationLibrary: "org.apache.hadoop.hive.serde2.avro.AvroSerDe",
    serdeParameters: {},
  },
  json: {
    inputFormat: TEXT_INPUT,
    outputFormat: TEXT_OUTPUT,
    serializationLibrary: "org.openx.data.jsonserde.JsonSerDe",
    serdeParameters: {},
  },
  csv: {
    inputFormat: TEXT_INPUT,
    outputFormat: TEXT_OUTPUT,
    serializationLibrary: "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe",
    serdeParameters: { "field.delim": ",", "serialization.format": "," },
  },
};
