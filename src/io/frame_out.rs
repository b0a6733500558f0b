//! Writing a scored frame as CSV, TSV, JSON or Parquet (bytes; the caller writes them
//! atomically). Numbers are written at full precision, whole numbers without ".0".

use crate::error::DataError;
use polars::prelude::*;

fn frame_error(e: PolarsError) -> DataError {
    DataError::new(format!("cannot write the scores: {e}"))
}

/// One cell as text: strings as they are, numbers as the shortest round-trip decimal.
fn cells(col: &Column) -> Result<Vec<String>, DataError> {
    let s = col.as_materialized_series();
    Ok(match s.dtype() {
        DataType::String => s
            .str()
            .map_err(frame_error)?
            .iter()
            .map(|v| v.unwrap_or_default().to_string())
            .collect(),
        DataType::Float64 => s
            .f64()
            .map_err(frame_error)?
            .iter()
            .map(|v| v.map(|x| format!("{x}")).unwrap_or_default())
            .collect(),
        _ => {
            let as_i64 = s.cast(&DataType::Int64).map_err(frame_error)?;
            as_i64
                .i64()
                .map_err(frame_error)?
                .iter()
                .map(|v| v.map(|x| x.to_string()).unwrap_or_default())
                .collect()
        }
    })
}

/// The frame as delimited text with a header row.
pub fn delimited(frame: &DataFrame, delimiter: u8) -> Result<Vec<u8>, DataError> {
    let columns: Vec<Vec<String>> = frame
        .columns()
        .iter()
        .map(cells)
        .collect::<Result<_, _>>()?;
    let mut w = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .from_writer(Vec::with_capacity(frame.height() * 32));
    let names: Vec<&str> = frame
        .get_column_names()
        .iter()
        .map(|n| n.as_str())
        .collect();
    let io = |e: csv::Error| DataError::new(format!("cannot write the scores: {e}"));
    w.write_record(&names).map_err(io)?;
    for r in 0..frame.height() {
        w.write_record(columns.iter().map(|c| c[r].as_str()))
            .map_err(io)?;
    }
    w.into_inner()
        .map_err(|e| DataError::new(format!("cannot write the scores: {e}")))
}

/// The frame as a JSON array of records (numbers as numbers, missing as null), wrapped in an
/// object with `meta`.
pub fn json(frame: &DataFrame, meta: serde_json::Value) -> Result<Vec<u8>, DataError> {
    let names: Vec<String> = frame
        .get_column_names()
        .iter()
        .map(|n| n.to_string())
        .collect();
    let mut cols: Vec<Vec<serde_json::Value>> = Vec::new();
    for col in frame.columns() {
        let s = col.as_materialized_series();
        let values: Vec<serde_json::Value> = match s.dtype() {
            DataType::String => s
                .str()
                .map_err(frame_error)?
                .iter()
                .map(|v| v.map_or(serde_json::Value::Null, |x| x.into()))
                .collect(),
            DataType::Float64 => s
                .f64()
                .map_err(frame_error)?
                .iter()
                .map(|v| {
                    v.and_then(serde_json::Number::from_f64)
                        .map_or(serde_json::Value::Null, Into::into)
                })
                .collect(),
            _ => s
                .cast(&DataType::Int64)
                .map_err(frame_error)?
                .i64()
                .map_err(frame_error)?
                .iter()
                .map(|v| v.map_or(serde_json::Value::Null, Into::into))
                .collect(),
        };
        cols.push(values);
    }
    let rows: Vec<serde_json::Value> = (0..frame.height())
        .map(|r| {
            let obj: serde_json::Map<String, serde_json::Value> = names
                .iter()
                .zip(&cols)
                .map(|(n, c)| (n.clone(), c[r].clone()))
                .collect();
            serde_json::Value::Object(obj)
        })
        .collect();
    let mut out = meta;
    out["respondents"] = serde_json::Value::Array(rows);
    let mut bytes = serde_json::to_vec_pretty(&out)
        .map_err(|e| DataError::new(format!("cannot write JSON: {e}")))?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// The frame as a Parquet file.
pub fn parquet(frame: &DataFrame) -> Result<Vec<u8>, DataError> {
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut df = frame.clone();
    ParquetWriter::new(&mut buf)
        .finish(&mut df)
        .map_err(frame_error)?;
    Ok(buf.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_have_no_decimal_point_and_missing_is_empty() {
        let df = df!("id" => ["a", "b"], "s" => [Some(14.0), None], "m" => [Some(2.5), Some(64.0 / 3.0)], "n" => [5u32, 4]).unwrap();
        let text = String::from_utf8(delimited(&df, b',').unwrap()).unwrap();
        assert_eq!(text, "id,s,m,n\na,14,2.5,5\nb,,21.333333333333332,4\n");
        let j: serde_json::Value =
            serde_json::from_slice(&json(&df, serde_json::json!({})).unwrap()).unwrap();
        assert_eq!(j["respondents"][1]["s"], serde_json::Value::Null);
        assert_eq!(j["respondents"][0]["n"], 5);
        assert!(parquet(&df).unwrap().starts_with(b"PAR1"));
    }
}
