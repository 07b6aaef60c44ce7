//! The OpenAPI document, generated from [`crate::endpoints::ROUTES`] and the JSON Schemas
//! of the wire types, so it cannot drift from what the server and the browser exchange.
//! `crates/server/openapi.json` is its output; a test regenerates it and compares.

use crate::body::ErrorBody;
use crate::endpoints::{schemas, Access};
use schemars::generate::SchemaSettings;
use serde_json::{json, Map, Value};

fn is_download(schema: &schemars::Schema) -> bool {
    schema
        .get("$ref")
        .and_then(Value::as_str)
        .is_some_and(|r| r.ends_with("/Download"))
}

fn is_nothing(schema: &schemars::Schema) -> bool {
    schema
        .get("$ref")
        .and_then(Value::as_str)
        .is_some_and(|r| r.ends_with("/Nothing"))
}

/// Query parameters from the query type's schema (an object's properties).
fn query_parameters(schema: &schemars::Schema, components: &Map<String, Value>) -> Vec<Value> {
    let resolved = match schema.get("$ref").and_then(Value::as_str) {
        Some(r) => components
            .get(r.rsplit('/').next().unwrap_or_default())
            .cloned()
            .unwrap_or(Value::Null),
        None => schema.as_value().clone(),
    };
    let required: Vec<&str> = resolved["required"]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    resolved["properties"]
        .as_object()
        .map(|props| {
            props
                .iter()
                .map(|(name, s)| {
                    json!({
                        "name": name,
                        "in": "query",
                        "required": required.contains(&name.as_str()),
                        "description": s.get("description").cloned().unwrap_or(Value::Null),
                        "schema": s,
                    })
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The whole document.
pub fn document() -> Value {
    let mut generator = SchemaSettings::openapi3().into_generator();
    let routes = schemas(&mut generator);
    let error = generator.subschema_for::<ErrorBody>();
    let components: Map<String, Value> = generator.take_definitions(true).into_iter().collect();
    let mut paths = Map::new();
    for (route, query, body, answer) in routes {
        let mut op = Map::new();
        op.insert("summary".into(), json!(route.summary.trim()));
        let mut parameters: Vec<Value> = Vec::new();
        for name in ["number", "code", "name", "id"] {
            if route.path.contains(&format!("{{{name}}}")) {
                parameters.push(json!({ "name": name, "in": "path", "required": true, "schema": { "type": "string" } }));
            }
        }
        if !is_nothing(&query) {
            parameters.extend(query_parameters(&query, &components));
        }
        if !parameters.is_empty() {
            op.insert("parameters".into(), Value::Array(parameters));
        }
        if !is_nothing(&body) {
            op.insert(
                "requestBody".into(),
                json!({ "required": true, "content": { "application/json": { "schema": body } } }),
            );
        }
        let mut responses = Map::new();
        responses.insert(
            route.ok.to_string(),
            if is_nothing(&answer) {
                json!({ "description": "Done; no body." })
            } else if is_download(&answer) {
                json!({ "description": "The file.", "content": {
                    "text/csv": { "schema": { "type": "string", "format": "binary" } },
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": { "schema": { "type": "string", "format": "binary" } }
                } })
            } else {
                json!({ "description": "Success.", "content": { "application/json": { "schema": answer } } })
            },
        );
        for status in route.errors {
            responses.insert(
                status.to_string(),
                if *status == 304 {
                    json!({ "description": "Unchanged since the ETag sent." })
                } else {
                    json!({ "description": "Refused; `error` says why and what to do.", "content": { "application/json": { "schema": error } } })
                },
            );
        }
        op.insert("responses".into(), Value::Object(responses));
        match route.access {
            Access::Public => {}
            Access::Clerk | Access::Supervisor => {
                op.insert("security".into(), json!([{ "session": [] }]));
            }
        }
        if route.access == Access::Supervisor {
            op.insert("x-role".into(), json!("supervisor"));
        }
        paths
            .entry(route.path.to_string())
            .or_insert_with(|| Value::Object(Map::new()))
            .as_object_mut()
            .map(|m| m.insert(route.method.name().into(), Value::Object(op)));
    }
    json!({
        "openapi": "3.0.3",
        "info": {
            "title": "OneWindow (一窗通) API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Generated from the onewindow-wire crate: every route with its query, body and answer. Errors are JSON: {\"error\": \"…\", \"fields\": [{\"field\": \"…\", \"problem\": \"…\"}]}."
        },
        "paths": paths,
        "components": {
            "schemas": components,
            "securitySchemes": { "session": { "type": "apiKey", "in": "cookie", "name": "ow_session" } }
        }
    })
}
