//! The HTML template environment: minijinja over the theme's templates.

use crate::error::{Error, Result};
use crate::theme::Theme;
use minijinja::{AutoEscape, Environment, Value};

pub struct Templates<'t> {
    env: Environment<'t>,
    theme: &'t Theme,
}

impl<'t> Templates<'t> {
    pub fn new(theme: &'t Theme) -> Result<Templates<'t>> {
        let mut env = Environment::new();
        env.set_auto_escape_callback(|name| {
            if name.ends_with(".html") || name.ends_with(".xml") {
                AutoEscape::Html
            } else {
                AutoEscape::None
            }
        });
        env.set_undefined_behavior(minijinja::UndefinedBehavior::Chainable);
        for (name, bytes) in theme.under("templates") {
            let text = String::from_utf8(bytes.to_vec()).map_err(|_| {
                Error::Theme(format!("{} is not UTF-8 text", theme.origin(&format!("templates/{name}"))))
            })?;
            env.add_template_owned(name.to_string(), text).map_err(|e| template_error(theme, e))?;
        }
        Ok(Templates { env, theme })
    }

    pub fn render(&self, name: &str, ctx: Value) -> Result<String> {
        let tmpl = self.env.get_template(name).map_err(|e| template_error(self.theme, e))?;
        tmpl.render(ctx).map_err(|e| template_error(self.theme, e))
    }

    /// `render`, written into `out` as it is made.
    pub fn render_to(&self, name: &str, ctx: Value, out: &mut dyn std::io::Write) -> Result<()> {
        let tmpl = self.env.get_template(name).map_err(|e| template_error(self.theme, e))?;
        tmpl.render_captured_to(ctx, out).map(|_| ()).map_err(|e| template_error(self.theme, e))
    }
}

/// A template problem, naming the theme file and the line, for the person
/// who edits the theme.
fn template_error(theme: &Theme, e: minijinja::Error) -> Error {
    let file = e.name().map(|n| theme.origin(&format!("templates/{n}"))).unwrap_or_else(|| "a template".to_string());
    Error::Template { file, line: e.line(), source: e }
}
