//! The route table: every feature registers its routes through [`Routes`], which builds
//! the axum router, the OpenAPI document (API routes come in through utoipa-axum's
//! `routes!`, so a handler's documentation and its registration are one thing) and a
//! list of every method and path. The list is what the authorisation-matrix test walks:
//! a route added without an entry there fails that test.
use crate::state::AppState;
use axum::handler::Handler;
use axum::http::Method;
use axum::routing::{self, MethodRouter};
use axum::Router;
use utoipa_axum::router::{OpenApiRouter, UtoipaMethodRouter};

/// One method on one path.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Route {
    pub method: Method,
    /// As axum writes it: `/photos/{id}`.
    pub path: String,
}

#[derive(Default)]
pub struct Routes {
    router: OpenApiRouter<AppState>,
    table: Vec<Route>,
}

impl Routes {
    pub fn new() -> Self {
        Self::default()
    }

    fn add(mut self, method: Method, path: &str, route: MethodRouter<AppState>) -> Self {
        self.table.push(Route {
            method,
            path: path.to_owned(),
        });
        self.router = self.router.route(path, route);
        self
    }

    /// A page (or asset) route: in the table, not in the API's document.
    pub fn get<H: Handler<T, AppState>, T: 'static>(self, path: &str, handler: H) -> Self {
        self.add(Method::GET, path, routing::get(handler))
    }

    pub fn post<H: Handler<T, AppState>, T: 'static>(self, path: &str, handler: H) -> Self {
        self.add(Method::POST, path, routing::post(handler))
    }

    /// API routes made by `utoipa_axum::routes!`: documented and in the table.
    pub fn api(mut self, routes: UtoipaMethodRouter<AppState>) -> Self {
        for (path, item) in &routes.1.paths {
            for (method, operation) in [
                (Method::GET, &item.get),
                (Method::POST, &item.post),
                (Method::PUT, &item.put),
                (Method::PATCH, &item.patch),
                (Method::DELETE, &item.delete),
            ] {
                if operation.is_some() {
                    self.table.push(Route {
                        method,
                        path: path.clone(),
                    });
                }
            }
        }
        self.router = self.router.routes(routes);
        self
    }

    /// Applies a layer to the routes added so far.
    pub fn layer(mut self, layer: axum::extract::DefaultBodyLimit) -> Self {
        self.router = self.router.layer(layer);
        self
    }

    pub fn merge(mut self, other: Routes) -> Self {
        self.router = self.router.merge(other.router);
        self.table.extend(other.table);
        self
    }

    /// The router, the API's document and the route table.
    pub fn into_parts(
        self,
        document: utoipa::openapi::OpenApi,
    ) -> (Router<AppState>, utoipa::openapi::OpenApi, Vec<Route>) {
        let (router, mut paths) = OpenApiRouter::with_openapi(document)
            .merge(self.router)
            .split_for_parts();
        super::openapi::add_common_responses(&mut paths);
        let mut table = self.table;
        table.sort();
        (router, paths, table)
    }
}
