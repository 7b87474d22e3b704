use crate::app::components::{table, TableProps};
use yew::prelude::*;

use crate::app::SharedFramework;

#[derive(Properties, PartialEq)]
pub struct CaseTypeTableProps {
    pub framework: SharedFramework,
}

/// The case types of a framework with the number of cases the standard
/// sample audits of each, and the total.
pub fn case_type_table(props: &CaseTypeTableProps) -> Html {
    let fw = &props.framework;
    html! {
        { table(&yew::props!(TableProps {
            caption: format!("Case types in the standard sample ({} version {})", fw.title, fw.version),
            children: html! { <><thead>
                <tr>
                    <th scope="col">{"Case type"}</th>
                    <th scope="col" class="table__numeric">{"Cases in the standard sample"}</th>
                </tr>
            </thead>
            <tbody>
                { for fw.case_types.iter().map(|t| html! {
                    <tr key={t.id.clone()}>
                        <th scope="row">
                            {&t.name}
                            <span class="hint">{&t.description}</span>
                        </th>
                        <td class="table__numeric">{t.default_count}</td>
                    </tr>
                }) }
            </tbody>
            <tfoot>
                <tr>
                    <th scope="row">{"Total"}</th>
                    <td class="table__numeric">{fw.default_sample_size()}</td>
                </tr>
            </tfoot></> },
        })) }
    }
}
